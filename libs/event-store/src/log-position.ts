/**
 * An opaque, ordered cursor into the global log.
 *
 * Every backend's native position is a pair of unsigned 64-bit numbers: PostgreSQL's is
 * (transaction id, position), EventStoreDB's `$all` position is (commit, prepare). Both are
 * written as two fixed-width hex numbers, so plain string comparison orders positions and a
 * position can travel through URLs and checkpoints tables as text.
 */
export type LogPosition = string & { readonly __brand: 'LogPosition' };

const WIDTH = 16;
const MAX_U64 = (1n << 64n) - 1n;
const FORMAT = /^[0-9a-f]{16}-[0-9a-f]{16}$/;

export function logPositionOf(major: bigint, minor: bigint): LogPosition {
  for (const part of [major, minor]) {
    if (part < 0n || part > MAX_U64) throw new RangeError(`log position part ${part} is outside 0..2^64-1`);
  }
  return `${major.toString(16).padStart(WIDTH, '0')}-${minor.toString(16).padStart(WIDTH, '0')}` as LogPosition;
}

export function partsOfLogPosition(position: LogPosition): { major: bigint; minor: bigint } {
  const [major, minor] = position.split('-');
  return { major: BigInt(`0x${major}`), minor: BigInt(`0x${minor}`) };
}

export function isLogPosition(value: unknown): value is LogPosition {
  return typeof value === 'string' && FORMAT.test(value);
}

/** Negative when `a` comes first in the log, 0 when equal, positive when `a` comes later. */
export function compareLogPositions(a: LogPosition, b: LogPosition): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The cursor before the first event of the log. */
export const START_OF_LOG = logPositionOf(0n, 0n);
