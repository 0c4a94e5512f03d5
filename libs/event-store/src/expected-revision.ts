/**
 * What the caller believes about the stream before appending:
 * - `any`: no check;
 * - `no-stream`: the stream has no events yet;
 * - `stream-exists`: the stream has at least one event;
 * - a bigint: the stream's last revision is exactly this.
 */
export type ExpectedRevision = 'any' | 'no-stream' | 'stream-exists' | bigint;
