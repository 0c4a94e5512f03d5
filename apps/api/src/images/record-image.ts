import { imageDecider, imageStreamId } from '@provenance/domain';
import { RecordFactCommand, RecordingContext } from '@provenance/recording';
import { instant } from '../http/field-rules';
import type { ImageDto } from './image.dto';

export function recordImage(body: ImageDto, context: RecordingContext): RecordFactCommand {
  const fact = {
    digest: body.digest,
    name: body.name,
    pinnedSetId: body.pinnedSetId,
    builderId: body.builderId ?? null,
    buildUrl: body.buildUrl ?? null,
    bakedAt: instant(body.bakedAt),
    requestId: body.requestId ?? null,
  };
  return new RecordFactCommand(imageStreamId(fact.digest), imageDecider, { type: 'RecordImage', fact }, context, { expectNewStream: true });
}
