import { type ImageDto, instant } from '@provenance/facts';
import { imageDecider, imageStreamId } from '@provenance/domain';
import { RecordFactCommand, RecordingContext } from '@provenance/recording';

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
