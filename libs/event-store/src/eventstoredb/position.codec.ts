import type { Position } from '@eventstore/db-client';
import { LogPosition, logPositionOf, partsOfLogPosition } from '../log-position';

/** `$all`'s (commit, prepare) pair as the port's opaque, ordered position: commit is the major part. */
export function logPositionOfClient(position: Position): LogPosition {
  return logPositionOf(position.commit, position.prepare);
}

export function clientPositionOf(position: LogPosition): Position {
  const { major, minor } = partsOfLogPosition(position);
  return { commit: major, prepare: minor };
}
