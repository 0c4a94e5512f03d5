import { ImageDto, ReleaseCandidateDecisionDto } from '@provenance/facts';
import { Body, Controller, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { imageDecider, imageStreamId } from '@provenance/domain';
import { RecordFactCommand, RecordingResult, RecordingContext } from '@provenance/recording';
import { MAY_DECIDE } from '../auth/roles';
import { DigestParam } from '../http/digest-param.dto';
import { Recording } from '../http/recording-context';
import { RecordsFact } from '../http/routes';
import { recordImage } from './record-image';

@ApiTags('facts')
@ApiBearerAuth()
@Controller('api/v1/images')
export class ImagesController {
  constructor(private readonly commands: CommandBus) {}

  /** Records a baked image. 409 when the digest is on record from another pinned set. */
  @RecordsFact()
  record(@Body() body: ImageDto, @Recording() recording: RecordingContext): Promise<RecordingResult> {
    return this.commands.execute(recordImage(body, recording));
  }

  /** A release manager promotes or rejects an image by hand, with a reason. */
  @RecordsFact(':digest/decision', MAY_DECIDE)
  decide(
    @Param() { digest }: DigestParam,
    @Body() body: ReleaseCandidateDecisionDto,
    @Recording() recording: RecordingContext,
  ): Promise<RecordingResult> {
    const command = {
      type: 'DecideReleaseCandidate' as const,
      imageDigest: digest,
      decision: body.decision,
      by: recording.actor,
      reason: body.reason,
      decidedAt: new Date().toISOString(),
    };
    return this.commands.execute(new RecordFactCommand(imageStreamId(digest), imageDecider, command, recording));
  }
}
