import { ApiProperty } from '@nestjs/swagger';

/** One event a recording wrote, or found already on record. */
export class WrittenEventAnswer {
  @ApiProperty({ example: 'commit-https://github.com/ska-sa/katcomp@cf1e00b3dbf0…' })
  streamId!: string;

  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ example: 'CommitRecorded' })
  type!: string;

  @ApiProperty({ description: "the event's revision in its stream, as a decimal string", example: '0' })
  revision!: string;

  @ApiProperty({ description: "the event's position in the log, the cursor the audit routes take", example: '0000000000000365-000000000000001d' })
  position!: string;
}

/** What a recording route answers: whether the fact is new, and its events. Some routes add fields (a pinned set's id). */
export class RecordingAnswer {
  @ApiProperty({ enum: ['recorded', 'already-recorded'] })
  status!: 'recorded' | 'already-recorded';

  @ApiProperty({ type: [WrittenEventAnswer] })
  events!: WrittenEventAnswer[];
}
