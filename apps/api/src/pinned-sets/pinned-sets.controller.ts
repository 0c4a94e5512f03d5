import { PinnedSetDto, PinnedSetTextQuery } from '@provenance/facts';
import { Body, Controller, Inject, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConsumes, ApiExtraModels, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { normalisePackageName, PinnedRequirement } from '@provenance/domain';
import { RecordingResult, RecordingContext } from '@provenance/recording';
import { Recording } from '../http/recording-context';
import { RecordsFact } from '../http/routes';
import { REQUEST_LIMITS, RequestLimits } from '../http/request-limits';
import { validated } from '../http/validated';
import { PinnedSetInput, pinnedSetInputOf, recordPinnedSet } from './record-pinned-set';
import { refuseOversizedRequirements } from './requirements-limits';

type PinnedSetResponse = RecordingResult & { id: string; name: string; requirements: PinnedRequirement[] };

@ApiTags('facts')
@ApiBearerAuth()
// The JSON body's schema, which openapi-document.ts puts beside the text/plain one.
@ApiExtraModels(PinnedSetDto)
@Controller('api/v1/pinned-sets')
export class PinnedSetsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(REQUEST_LIMITS) private readonly limits: RequestLimits,
  ) {}

  /**
   * Records a pinned set from pip-compile output: the raw requirements.txt as text/plain
   * (`?name=...&builds=pkg==ver,...`) or JSON `{ name, requirementsText, builds }`. More than
   * PROVENANCE_MAX_PINNED_LINES lines, or more than PROVENANCE_MAX_PINNED_EXPANDED_BYTES as an
   * event, is 413 before anything is parsed.
   */
  @RecordsFact()
  @ApiConsumes('application/json', 'text/plain')
  @ApiQuery({ name: 'name', required: false, description: 'with text/plain: the set\'s name (required then)' })
  @ApiQuery({ name: 'builds', required: false, description: 'with text/plain: the package builds it was pinned from, katcomp==1.2.0,katobs==0.9.1' })
  @ApiQuery({ name: 'requestId', required: false, description: 'with text/plain: the pipeline request this answers' })
  async record(
    @Req() request: Request,
    @Body() body: unknown,
    @Query() query: Record<string, string>,
    @Recording() recording: RecordingContext,
  ): Promise<PinnedSetResponse> {
    const input = typeof body === 'string' && request.is('text/plain') ? fromText(body, query) : pinnedSetInputOf(validated(PinnedSetDto, body));
    refuseOversizedRequirements(input.text, this.limits);
    const { fact, command } = recordPinnedSet(input, recording);
    const result = await this.commands.execute(command);
    return { ...result, id: fact.id, name: fact.name, requirements: fact.requirements };
  }
}

function fromText(text: string, rawQuery: Record<string, string>): PinnedSetInput {
  const query = validated(PinnedSetTextQuery, rawQuery);
  const pairs = (query.builds ? query.builds.split(',') : []).map((pair) => {
    const [pkg, version] = pair.split('==');
    return { package: pkg, version };
  });
  // The same rules as the JSON form's builds.
  const builds = validated(PinnedSetDto, { name: query.name, requirementsText: text || ' ', builds: pairs }).builds ?? [];
  return {
    name: query.name,
    text,
    builds: builds.map((build) => ({ package: normalisePackageName(build.package), version: build.version })),
    requestId: query.requestId ?? null,
  };
}
