import type { RecordedEvent } from '@provenance/event-store';
import { leafValueOf } from '@provenance/transparency';
import { toRecordedEventDto } from './recorded-event.dto';

describe('an event as the audit routes serve it', () => {
  it("given an event, then without its position and leaf index it is exactly the tamper-evident log's leaf", () => {
    const event: RecordedEvent = {
      id: '00000000-0000-4000-8000-000000000001',
      type: 'CommitRecorded',
      data: { repository: 'katcomp', sha: 'a'.repeat(40), files: ['é', '𝄞'] },
      metadata: { actor: 'ci', recordedAt: '2026-11-30T09:00:00.000Z', correlationId: undefined },
      streamId: 'commit-katcomp@' + 'a'.repeat(40),
      revision: 3n,
      position: '0000000000000001-0000000000000002' as RecordedEvent['position'],
    };

    const { position, leafIndex, ...served } = toRecordedEventDto(event, 7);

    expect({ position, leafIndex }).toEqual({ position: event.position, leafIndex: 7 });
    expect(JSON.parse(JSON.stringify(served))).toEqual(JSON.parse(JSON.stringify(leafValueOf(event))));
  });
});
