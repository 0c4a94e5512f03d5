import { BadRequestException, Body, Controller, Headers, HttpCode, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import type { Request } from 'express';
import {
  normalisePackageName,
  parseRequirementsFile,
  PinnedRequirement,
  pinnedSetDecider,
  pinnedSetIdOf,
  pinnedSetStreamId,
  RequirementsSyntaxError,
} from '@provenance/domain';
import { RecordFactCommand, RecordingResult } from '@provenance/recording';
import { Allow } from '../auth/allow.decorator';
import { CurrentPrincipal } from '../auth/principal.decorator';
import { MAY_RECORD, Principal } from '../auth/roles';
import { recordingContextOf } from '../http/recording-context';
import { PinnedSetDto, PinnedSetTextQuery } from './pinned-set.dto';

type PinnedSetResponse = RecordingResult & { id: string; name: string; requirements: PinnedRequirement[] };

@ApiTags('facts')
@ApiBearerAuth()
@Controller('api/v1/pinned-sets')
export class PinnedSetsController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * Records a pinned set from pip-compile output: the raw requirements.txt as text/plain
   * (`?name=...&builds=pkg==ver,...`) or JSON `{ name, requirementsText, builds }`.
   */
  @Post()
  @HttpCode(201)
  @Allow(MAY_RECORD)
  @ApiConsumes('application/json', 'text/plain')
  async record(
    @Req() request: Request,
    @Body() body: unknown,
    @Query() query: Record<string, string>,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key?: string,
  ): Promise<PinnedSetResponse> {
    const input = typeof body === 'string' && request.is('text/plain') ? fromText(body, query) : fromJson(body);
    const parsed = parse(input.text);
    const id = pinnedSetIdOf(parsed.requirements);
    const fact = {
      id,
      name: input.name,
      requirements: parsed.requirements,
      builds: input.builds,
      indexUrl: parsed.indexUrl,
      extraIndexUrls: parsed.extraIndexUrls,
      requestId: input.requestId,
    };
    const result = await this.commands.execute(
      new RecordFactCommand(pinnedSetStreamId(id), pinnedSetDecider, { type: 'RecordPinnedSet', fact }, recordingContextOf(principal, key)),
    );
    return { ...result, id, name: fact.name, requirements: fact.requirements };
  }
}

interface PinnedSetInput {
  name: string;
  text: string;
  builds: { package: string; version: string }[];
  requestId: string | null;
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

function fromJson(body: unknown): PinnedSetInput {
  const dto = validated(PinnedSetDto, body);
  const builds = (dto.builds ?? []).map((build) => ({ package: normalisePackageName(build.package), version: build.version }));
  return { name: dto.name, text: dto.requirementsText, builds, requestId: dto.requestId ?? null };
}

/** This route takes two body shapes, so it validates by hand with the same rules as the global pipe. */
function validated<T extends object>(type: new () => T, value: unknown): T {
  const instance = plainToInstance(type, value ?? {});
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new BadRequestException(errors.flatMap((error) => messagesOf(error)));
  return instance;
}

/** Every broken rule, nested ones too (builds[1].version ...). */
function messagesOf(error: ValidationError, path = ''): string[] {
  const where = path ? `${path}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) => (path ? `${where}: ${message}` : message));
  return [...own, ...(error.children ?? []).flatMap((child) => messagesOf(child, where))];
}

function parse(text: string) {
  try {
    const file = parseRequirementsFile(text);
    if (file.requirements.length === 0) throw new BadRequestException(['requirements: the file pins no requirements']);
    return file;
  } catch (error) {
    if (error instanceof RequirementsSyntaxError) throw new BadRequestException([`requirements ${error.message}`]);
    throw error;
  }
}
