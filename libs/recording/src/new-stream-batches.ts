import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '@provenance/event-store';
import { decideAndAppend, RecordingResult } from './command-path';
import { recordNewStreams, StreamFact } from './record-new-streams';

/** The most facts one append takes; the rest go in the next. */
const MOST_PER_APPEND = 100;

interface Waiting {
  fact: StreamFact;
  answer(result: Promise<RecordingResult>): void;
}

/**
 * Group commit for facts that start their stream (a commit, a build, an image), sent by many
 * callers at once: a fact that arrives while no append is in flight is appended at once, alone,
 * by the command path; those that arrive while one is in flight wait for it and then go together,
 * in one round trip and one commit (`recordNewStreams`). Nothing waits for a timer.
 *
 * A fact the batch does not settle (its stream exists, its decision is not a plain record, or the
 * store refused the batch as a whole) takes the full command path on its own, so its answer,
 * refusal or error is exactly what it would have been alone, and never another caller's.
 */
@Injectable()
export class NewStreamBatches {
  private readonly waiting: Waiting[] = [];
  private appending = false;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  record(fact: StreamFact): Promise<RecordingResult> {
    return new Promise((resolve) => {
      this.waiting.push({ fact, answer: resolve });
      if (!this.appending) void this.appendWhileWaiting();
    });
  }

  private async appendWhileWaiting(): Promise<void> {
    this.appending = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MOST_PER_APPEND);
        if (batch.length === 1) {
          const alone = this.fullPath(batch[0].fact, true);
          batch[0].answer(alone);
          await alone.catch(() => undefined);
          continue;
        }
        // Whatever the batch failed on, each fact finds out for itself on the full path.
        const results = await recordNewStreams(this.store, batch.map((one) => one.fact)).catch(() => batch.map(() => undefined));
        batch.forEach((one, index) => {
          const result = results[index];
          one.answer(result ? Promise.resolve(result) : this.fullPath(one.fact, false));
        });
      }
    } finally {
      this.appending = false;
    }
  }

  private fullPath({ streamId, decider, command, context }: StreamFact, expectNewStream: boolean): Promise<RecordingResult> {
    return decideAndAppend(this.store, streamId, decider, command, context, { expectNewStream });
  }
}
