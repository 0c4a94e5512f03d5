import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LeafAnswer {
  index!: number;
  /** The leaf: the event as the audit routes serve it without its position, as RFC 8785 canonical JSON; null when its row is gone from the log. */
  @ApiProperty({ type: 'string', nullable: true })
  leaf!: string | null;
  /** The leaf hash the tree holds: base64 SHA-256(0x00 ‖ leaf). */
  hash!: string;
  streamId!: string;
  revision!: string;
  eventId!: string;
}

export class LeavesAnswer {
  /** The tree's size now. */
  treeSize!: number;
  leaves!: LeafAnswer[];
}

export class TreeEventAnswer {
  streamId!: string;
  revision!: string;
  eventId!: string;
}

export class InclusionAnswer {
  leafIndex!: number;
  treeSize!: number;
  /** base64 */
  leafHash!: string;
  /** The audit path (RFC 9162 §2.1.3), base64 hashes, nearest the leaf first. */
  proof!: string[];
  /** The signed checkpoint of treeSize (a C2SP signed note), or null when that size was not signed. */
  @ApiProperty({ type: 'string', nullable: true })
  checkpoint!: string | null;
  @ApiPropertyOptional({ type: TreeEventAnswer })
  event?: TreeEventAnswer;
}

export class ConsistencyAnswer {
  first!: number;
  second!: number;
  /** RFC 9162 §2.1.4, base64 hashes. */
  proof!: string[];
}

export class CheckpointAnswer {
  treeSize!: number;
  /** base64 */
  rootHash!: string;
  /** The C2SP signed note. */
  note!: string;
  signedAt!: string;
}
