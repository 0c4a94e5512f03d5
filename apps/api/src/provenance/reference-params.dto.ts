import { Matches } from 'class-validator';
import { IMAGE_REFERENCE, SHA_REFERENCE } from '@provenance/projections';
import { NO_WHITESPACE } from '@provenance/facts';

const imageMessage = (field: string) => `${field} must be an image digest (sha256:<64 hex digits>), with or without sha256:, or at least its first 7 hex digits`;

/** An image as people copy it from a table: the digest, or its first 7 or more hex digits. */
export class ImageReferenceParam {
  @Matches(IMAGE_REFERENCE, { message: imageMessage('digest') })
  digest!: string;
}

export class CommitReferenceParams {
  /** The repository as recorded, URL-encoded as one path segment, or its last path segment when that is unique (`katcomp`). */
  @Matches(NO_WHITESPACE, { message: 'repository must be 1-300 characters without whitespace (URL-encode it as one path segment)' })
  repository!: string;

  /** The commit's sha, or its first 7 or more hex digits. */
  @Matches(SHA_REFERENCE, { message: 'sha must be a git sha, or at least its first 7 hex digits' })
  sha!: string;
}

export class DiffQuery {
  @Matches(IMAGE_REFERENCE, { message: imageMessage('from') })
  from!: string;

  @Matches(IMAGE_REFERENCE, { message: imageMessage('to') })
  to!: string;
}
