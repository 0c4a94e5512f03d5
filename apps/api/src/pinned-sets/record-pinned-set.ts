import type { PinnedSetDto } from '@provenance/facts';
import { BadRequestException } from '@nestjs/common';
import { normalisePackageName, parseRequirementsFile, pinnedSetDecider, pinnedSetIdOf, pinnedSetStreamId, RequirementsSyntaxError } from '@provenance/domain';
import { RecordFactCommand, RecordingContext } from '@provenance/recording';

/** A pinned set as it arrives: pip-compile's output with the builds it was pinned from. */
export interface PinnedSetInput {
  name: string;
  text: string;
  builds: { package: string; version: string }[];
  requestId: string | null;
}

/** The JSON form `{ name, requirementsText, builds, requestId }`. */
export function pinnedSetInputOf(dto: PinnedSetDto): PinnedSetInput {
  const builds = (dto.builds ?? []).map((build) => ({ package: normalisePackageName(build.package), version: build.version }));
  return { name: dto.name, text: dto.requirementsText, builds, requestId: dto.requestId ?? null };
}

/** Parses the requirements; the set's id is its content's. 400 names a malformed line by number. */
export function recordPinnedSet(input: PinnedSetInput, context: RecordingContext) {
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
  return { fact, command: new RecordFactCommand(pinnedSetStreamId(id), pinnedSetDecider, { type: 'RecordPinnedSet', fact }, context, { expectNewStream: true }) };
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
