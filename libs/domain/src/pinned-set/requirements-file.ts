import type { PinnedRequirement, RequirementsFile } from './pinned-requirement';
import { isPackageName, normalisePackageName } from './package-name';
import { fileOptionOf, hashesOf } from './requirement-options.parser';
import { parseRequirementSpec } from './requirement-spec.parser';
import { RequirementsSyntaxError } from './requirements-syntax.error';
import { Segment, sourceLinesOf, textOf, Token, tokensOf } from './requirements-text.lexer';

export type { PinnedRequirement, RequirementsFile } from './pinned-requirement';
export { normalisePackageName } from './package-name';
export { RequirementsSyntaxError } from './requirements-syntax.error';

// pip-compile's footer; with --generate-hashes and without --allow-unsafe it writes a WARNING instead.
const UNSAFE_FOOTER = /^#\s*(The following packages are considered to be unsafe|WARNING: The following packages were not pinned)/;
const VIA = /^#\s*via(?:\s+(.*))?$/;
const VIA_BLOCK_ENTRY = /^#\s{2,}(\S.*)$/;
const UNSAFE_ENTRY = /^#\s*(\S+)$/;

interface Reading {
  file: RequirementsFile;
  firstLineOf: Map<string, number>;
  /** The requirement a following `# via` comment annotates: the one just read. */
  annotated: PinnedRequirement | null;
  inViaBlock: boolean;
  inUnsafeFooter: boolean;
}

/** Reads a pip-compile output file; throws RequirementsSyntaxError naming the first bad line. */
export function parseRequirementsFile(text: string): RequirementsFile {
  const reading: Reading = {
    file: { requirements: [], indexUrl: null, extraIndexUrls: [], unsafe: [] },
    firstLineOf: new Map(),
    annotated: null,
    inViaBlock: false,
    inUnsafeFooter: false,
  };
  for (const source of sourceLinesOf(text)) {
    switch (source.kind) {
      case 'blank':
        reading.annotated = null;
        reading.inViaBlock = false;
        break;
      case 'comment':
        readComment(reading, source.text);
        break;
      case 'entry':
        reading.inViaBlock = false;
        reading.annotated = readEntry(reading, source.line, source.segments);
        for (const comment of source.comments) readInlineComment(reading, comment);
        break;
      default: {
        const unhandled: never = source;
        throw new Error(`unhandled source line ${JSON.stringify(unhandled)}`);
      }
    }
  }
  return reading.file;
}

function readComment(reading: Reading, text: string): void {
  if (UNSAFE_FOOTER.test(text)) {
    reading.inUnsafeFooter = true;
    reading.annotated = null;
    return;
  }
  const via = VIA.exec(text);
  const entry = VIA_BLOCK_ENTRY.exec(text);
  if (reading.annotated && via) {
    // Old pip-compile: `# via a, b`; new: `# via a` for one parent, or `# via` then one per line.
    if (via[1] === undefined) reading.inViaBlock = true;
    else for (const parent of via[1].split(',')) addVia(reading.annotated, parent);
    return;
  }
  if (reading.annotated && reading.inViaBlock && entry) {
    addVia(reading.annotated, entry[1]);
    return;
  }
  reading.annotated = null;
  reading.inViaBlock = false;
  const unsafe = UNSAFE_ENTRY.exec(text);
  if (reading.inUnsafeFooter && unsafe && isPackageName(unsafe[1])) reading.file.unsafe.push(normalisePackageName(unsafe[1]));
}

/** Old pip-compile put `# via a, b` on the requirement's own line. */
function readInlineComment(reading: Reading, text: string): void {
  const via = VIA.exec(text);
  if (!reading.annotated || !via) return;
  if (via[1] === undefined) reading.inViaBlock = true;
  else for (const parent of via[1].split(',')) addVia(reading.annotated, parent);
}

function addVia(requirement: PinnedRequirement, parent: string): void {
  const trimmed = parent.trim();
  if (trimmed === '') return;
  requirement.via.push(isPackageName(trimmed) ? normalisePackageName(trimmed) : trimmed);
}

/** Reads a requirement or option line; returns the requirement read, if it was one. */
function readEntry(reading: Reading, line: number, segments: Segment[]): PinnedRequirement | null {
  const tokens = tokensOf(segments);
  if (tokens.length === 0) return null;
  if (!tokens[0].text.startsWith('-')) return addRequirement(reading, line, requirementOf(line, segments, tokens, false));

  const { option, role, value, rest } = fileOptionOf(tokens);
  if (role === 'editable') {
    const requirement = requirementOf(line, segments, value ? [value, ...rest] : rest, true);
    if (requirement.url === null) throw new RequirementsSyntaxError(line, `'${option}' needs a URL or a path, not '${requirement.name}'`);
    return addRequirement(reading, line, requirement);
  }
  if (rest.length > 0) throw new RequirementsSyntaxError(rest[0].line, `unexpected '${rest[0].text}' after '${option}'`);
  switch (role) {
    case 'index-url':
      if (reading.file.indexUrl !== null) throw new RequirementsSyntaxError(line, `a second '${option}' (a file has one index URL)`);
      reading.file.indexUrl = value?.text ?? null;
      return null;
    case 'extra-index-url':
      if (value) reading.file.extraIndexUrls.push(value.text);
      return null;
    case 'ignored-with-value':
    case 'ignored-flag':
    case 'hash':
      return null;
    default: {
      const unhandled: never = role;
      throw new Error(`unhandled option role ${String(unhandled)}`);
    }
  }
}

function requirementOf(line: number, segments: Segment[], tokens: Token[], editable: boolean): PinnedRequirement {
  // As in pip, the requirement ends at the first word starting with '-'; the rest are its options.
  const optionsAt = tokens.findIndex((token, index) => index > 0 && token.text.startsWith('-'));
  const specTokens = optionsAt < 0 ? tokens : tokens.slice(0, optionsAt);
  const optionTokens = optionsAt < 0 ? [] : tokens.slice(optionsAt);
  if (specTokens.length === 0) throw new RequirementsSyntaxError(line, 'expected a requirement');
  const { name, version, extras, marker, url } = parseRequirementSpec(textOf(segments, specTokens), line);
  // Fields written out: spreading `spec` cost more than the rest of the line's parse.
  return { name, version, extras, marker, url, hashes: hashesOf(optionTokens), via: [], editable };
}

function addRequirement(reading: Reading, line: number, requirement: PinnedRequirement): PinnedRequirement {
  const first = reading.firstLineOf.get(requirement.name);
  if (first !== undefined) {
    throw new RequirementsSyntaxError(line, `duplicate requirement '${requirement.name}' (first given on line ${first})`);
  }
  reading.firstLineOf.set(requirement.name, line);
  reading.file.requirements.push(requirement);
  return requirement;
}
