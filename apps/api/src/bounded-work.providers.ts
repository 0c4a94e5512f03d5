import type { Provider } from '@nestjs/common';
import type { ProvenanceConfig } from '@provenance/config';
import { LOG_APPENDED, OnAppended } from '@provenance/event-store';
import { REQUEST_LIMITS, requestLimitsOf } from './http/request-limits';
import { LogWakeUps } from './pipeline/log-wake-up';
import { LongPollSlots } from './pipeline/long-poll-slots';
import { LONG_POLL_SLOTS, LongPolls } from './pipeline/long-polls';

/** What bounds one request's work (README.md, "Limits"): the limits routes apply, and the long-polls' wake-ups and slots. */
export function boundedWorkProviders(config: ProvenanceConfig): Provider[] {
  return [
    { provide: REQUEST_LIMITS, useValue: requestLimitsOf(config) },
    {
      provide: LogWakeUps,
      useFactory: (onAppended: OnAppended) => new LogWakeUps(onAppended),
      inject: [LOG_APPENDED],
    },
    { provide: LONG_POLL_SLOTS, useValue: new LongPollSlots(config.PROVENANCE_MAX_LONG_POLLS) },
    LongPolls,
  ];
}
