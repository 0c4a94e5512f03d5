import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalPinnedSet, pinnedSetIdOf } from './pinned-set-id';
import { PinnedRequirement, parseRequirementsFile, RequirementsFile, RequirementsSyntaxError } from './requirements-file';

// Properties over random inputs; on failure fast-check prints the seed and the shrunk counterexample
// (rerun with `fc.assert(..., { seed, path })`, see docs/ARCHITECTURE.md "Tests").
const FIXTURES = join(__dirname, '../../../../../shared/fixtures/requirements');
const HEX = '0123456789abcdef';

/** What parsing says: the file, or the refusal; anything else thrown escapes and fails the property. */
function outcomeOf(text: string): RequirementsFile | RequirementsSyntaxError {
  try {
    return parseRequirementsFile(text);
  } catch (error) {
    if (error instanceof RequirementsSyntaxError) return error;
    throw error;
  }
}

const physicalLines = (text: string): number => text.split(/\r\n|\n|\r/).length;
const NORMALISED_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const HASH = /^(sha256|sha384|sha512):[0-9a-fA-F]+$/;

/** A refusal names a line of the text and a reason; a parsed file is what a pinned set can be made of. */
function expectParsedOrRefusedByLine(text: string): void {
  const outcome = outcomeOf(text);
  if (outcome instanceof RequirementsSyntaxError) {
    expect(Number.isInteger(outcome.line)).toBe(true);
    expect(outcome.line).toBeGreaterThanOrEqual(1);
    expect(outcome.line).toBeLessThanOrEqual(physicalLines(text));
    expect(outcome.reason).not.toBe('');
    expect(outcome.message).toBe(`line ${outcome.line}: ${outcome.reason}`);
    return;
  }
  const names = outcome.requirements.map((requirement) => requirement.name);
  expect(new Set(names).size).toBe(names.length);
  for (const requirement of outcome.requirements) {
    expect(requirement.name).toMatch(NORMALISED_NAME);
    for (const extra of requirement.extras) expect(extra).toMatch(NORMALISED_NAME);
    for (const hash of requirement.hashes) expect(hash).toMatch(HASH);
    if (requirement.version !== null) expect(requirement.version).toMatch(/^\S+$/);
    if (requirement.editable) expect(requirement.url).not.toBeNull();
  }
  expect(pinnedSetIdOf(outcome.requirements)).toMatch(/^sha256:[0-9a-f]{64}$/);
}

// ---- Requirement-like text: fragments of every construct the parser reads, joined at random.

const hex = (length: number) => fc.string({ unit: fc.constantFrom(...HEX), minLength: length, maxLength: length });
const name = fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,8}[A-Za-z0-9])?$/);
const version = fc.stringMatching(/^[0-9]{1,3}(?:\.[0-9]{1,3}){0,2}(?:(?:a|b|rc|\.dev|\.post)[0-9])?$/);
const fragment = fc.oneof(
  name,
  version,
  fc.constantFrom('==', '===', '=', '>=', '~=', '!=', '<', ',', '*', '[', ']', '[cli,Extra_1]', '[,]', '@', ' @ ', ';', ' ; ', '\\', ' \\'),
  fc.constantFrom('python_version < "3.12"', 'sys_platform == "win32"', "extra == 'x'", '; os_name == "nt" and python_version >= "3.8"'),
  fc.tuple(fc.constantFrom('sha256', 'sha384', 'sha512', 'md5', ''), fc.oneof(hex(64), hex(96), hex(128), hex(3))).map(([algorithm, digest]) => `--hash=${algorithm}:${digest}`),
  fc.constantFrom('--hash', '--hash=', `--hash ${'a'.repeat(64)}`),
  fc.constantFrom('# via', '#   ', '# via a, b', '#   -r requirements.in', '    # via', '# The following packages are considered to be unsafe in a requirements file:', '#', ' #x'),
  fc.constantFrom('-e', '--editable', '-i', '--index-url', '--index-url=', '--extra-index-url', '--pre', '--pre=x', '--no-binary', '-r', '-c', '--trusted-host', '-', '--'),
  fc.constantFrom('git+https://example.org/r.git@abc', 'https://example.org/p-1.0.tar.gz', './libs/pkg', '~/pkg', 'C:\\pkg\\', '/', 'file:///opt/x', 'hg+', '://'),
  fc.tuple(fc.constantFrom('#egg=', '&egg=', '#egg'), fc.oneof(name, fc.constant('')), fc.constantFrom('', '==1.0', '[x]==2', '[', '==', '>=1')).map((parts) => parts.join('')),
  fc.constantFrom('\t', ' ', '\u00a0', '\u202e', '\u200b', '\ufeff', '\ufffd', '\u0000', '\u2028', '\ud800', 'é', '𝔞'),
  fc.string({ unit: 'binary', maxLength: 3 }),
);
const soupLine = fc.tuple(fc.array(fragment, { maxLength: 8 }), fc.constantFrom('', ' ', '  ', '\t')).map(([parts, separator]) => parts.join(separator));
/** A line close to what pip-compile writes, so that most parse and the rest fail deep inside. */
const nearlyValidLine = fc
  .tuple(
    fc.oneof(
      fc.tuple(fc.constantFrom('', '', '    '), name, fc.constantFrom('', '', '[cli]', '[a,B_c]'), fc.oneof(version.map((pinned) => `==${pinned}`), fc.constant('===1.0-x'))),
      fc.tuple(
        fc.constantFrom('', '-e ', '--editable='),
        fc.constantFrom('git+https://example.org/r.git@abc#egg=tool==1.0', 'git+https://example.org/r.git#egg=Tool[x]', './libs/pkg', 'file:///opt/pkg', 'tool[cli] @ https://example.org/t.tar.gz'),
      ),
    ),
    fc.constantFrom('', '', ' ; python_version < "3.12"'),
    fc.array(hex(64).map((digest) => ` --hash=sha256:${digest}`), { maxLength: 2 }),
    fc.constantFrom('', '', ' \\', '  # via a, b', '  # via'),
  )
  .map((parts) => parts.flat(2).join(''));
/** A nearly valid line with one fragment inserted, or some characters cut out. */
const mutatedLine = fc
  .tuple(nearlyValidLine, fc.nat(), fc.nat({ max: 4 }), fc.option(fragment, { nil: '' }))
  .map(([line, at, cut, inserted]) => {
    const position = at % (line.length + 1);
    return `${line.slice(0, position)}${inserted}${line.slice(position + cut)}`;
  });
const commentLine = fc.constantFrom('', '#', '# via', '    # via', '    #   -r requirements.in', '    #   six', '# via six, -r base.in', '# The following packages are considered to be unsafe in a requirements file:', '# pip');
const requirementLikeLine = fc.oneof(
  { arbitrary: nearlyValidLine, weight: 4 },
  { arbitrary: mutatedLine, weight: 3 },
  { arbitrary: commentLine, weight: 3 },
  { arbitrary: soupLine, weight: 1 },
);
const lineEnd = fc.constantFrom('\n', '\r\n', '\r');
const requirementLikeText = fc.tuple(fc.array(requirementLikeLine, { maxLength: 12 }), lineEnd).map(([lines, end]) => lines.join(end));

// ---- Valid files: a random pinned set, printed as pip-compile would.

type Layout = { lineEnd: string; via: 'block' | 'inline'; hashes: 'continued' | 'one-line' };

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const normalisedName = fc.stringMatching(/^[a-z0-9]{1,6}(?:-[a-z0-9]{1,4}){0,2}$/);
/** A spelling pip reads as the name: other case, '_' or '.' for '-'. */
const spelling = (normalised: string) =>
  fc.tuple(fc.constantFrom('-', '_', '.', '__'), fc.boolean()).map(([dash, upper]) => {
    const written = normalised.replace(/-/g, dash);
    return upper ? written.toUpperCase() : written;
  });

type Written = { requirement: PinnedRequirement; writtenName: string };

const writtenRequirement: fc.Arbitrary<Written> = normalisedName.chain((normalised) =>
  fc
    .record({
      writtenName: spelling(normalised),
      version,
      extras: fc.uniqueArray(normalisedName, { maxLength: 2 }).map((extras) => [...extras].sort(byCodeUnits)),
      marker: fc.option(fc.constantFrom('python_version < "3.12"', 'sys_platform == "win32"', 'platform_machine != "arm64" and python_version >= "3.8"'), { nil: null }),
      hashes: fc.array(fc.oneof(hex(64).map((h) => `sha256:${h}`), hex(128).map((h) => `sha512:${h}`)), { maxLength: 3 }),
      via: fc.array(fc.oneof(normalisedName, fc.constant('-r requirements.in')), { maxLength: 3 }),
      editable: fc.boolean(),
      location: fc.constantFrom('pin', 'url', 'git-egg', 'path'),
      sha: hex(40),
    })
    .map(({ writtenName, version: pinned, extras, marker, hashes, via, editable, location, sha }): Written => {
      const base = { name: normalised, extras, marker, hashes, via, editable: false, url: null, version: pinned };
      switch (location) {
        case 'pin':
          return { writtenName, requirement: base };
        case 'url':
          return { writtenName, requirement: { ...base, version: null, editable, url: `https://example.org/dist/${normalised}-1.0.tar.gz` } };
        case 'git-egg': {
          const eggExtras = extras.length > 0 ? `[${extras.join(',')}]` : '';
          return { writtenName, requirement: { ...base, editable, url: `git+https://example.org/${normalised}.git@${sha}#egg=${writtenName}${eggExtras}==${pinned}` } };
        }
        case 'path':
          return { writtenName, requirement: { ...base, version: null, editable, url: `./libs/${normalised}` } };
        default:
          throw new Error(`unhandled location ${String(location)}`);
      }
    }),
);

const validFile = fc.record({
  written: fc.uniqueArray(writtenRequirement, { maxLength: 8, selector: (written) => written.requirement.name }),
  indexUrl: fc.option(fc.constant('https://pypi.example.org/simple'), { nil: null }),
  extraIndexUrls: fc.array(fc.constantFrom('https://one.example.org/simple', 'https://two.example.org/simple'), { maxLength: 2 }),
  unsafe: fc.uniqueArray(fc.constantFrom('pip', 'setuptools', 'wheel'), { maxLength: 2 }),
});

const layout: fc.Arbitrary<Layout> = fc.record({ lineEnd: fc.constantFrom('\n', '\r\n'), via: fc.constantFrom('block', 'inline'), hashes: fc.constantFrom('continued', 'one-line') });

const PINNED_VERSION = /^[A-Za-z0-9][A-Za-z0-9.+!_-]*$/;

/** The requirement specifier: a pin, `name @ url`, or a URL whose `#egg=name==version` names and pins it. */
function specifierOf(requirement: PinnedRequirement, writtenName = requirement.name): string {
  const extras = requirement.extras.length > 0 ? `[${requirement.extras.join(',')}]` : '';
  const marker = requirement.marker === null ? '' : ` ; ${requirement.marker}`;
  const editable = requirement.editable ? '-e ' : '';
  if (requirement.url !== null && requirement.version !== null) return `${editable}${requirement.url}${marker}`;
  if (requirement.url !== null) return `${editable}${writtenName}${extras} @ ${requirement.url}${marker}`;
  const operator = requirement.version !== null && PINNED_VERSION.test(requirement.version) && !requirement.version.includes('*') ? '==' : '===';
  return `${writtenName}${extras}${operator}${requirement.version}${marker}`;
}

/** Prints a parsed file back as pip-compile output; options pip-compile writes but the parse drops are not printed. */
function printed(file: RequirementsFile, style: Layout, writtenNames: string[] = []): string {
  const lines: string[] = ['#', '# This file is autogenerated by pip-compile', '#'];
  if (file.indexUrl !== null) lines.push(`--index-url ${file.indexUrl}`);
  for (const url of file.extraIndexUrls) lines.push(`--extra-index-url ${url}`);
  lines.push('');
  file.requirements.forEach((requirement, index) => {
    const hashes = requirement.hashes.map((hash) => `--hash=${hash}`);
    const entry = style.hashes === 'continued' ? [specifierOf(requirement, writtenNames[index]), ...hashes.map((hash) => `    ${hash}`)] : [[specifierOf(requirement, writtenNames[index]), ...hashes].join(' ')];
    const physical = entry.map((line, at) => (at < entry.length - 1 ? `${line} \\` : line));
    if (requirement.via.length > 0 && style.via === 'inline') physical[physical.length - 1] += `  # via ${requirement.via.join(', ')}`;
    if (requirement.via.length > 0 && style.via === 'block') physical.push('    # via', ...requirement.via.map((parent) => `    #   ${parent}`));
    lines.push(...physical);
  });
  if (file.unsafe.length > 0) lines.push('', '# The following packages are considered to be unsafe in a requirements file:', ...file.unsafe.map((unsafe) => `# ${unsafe}`));
  return `${lines.join(style.lineEnd)}${style.lineEnd}`;
}

const BLOCK: Layout = { lineEnd: '\n', via: 'block', hashes: 'continued' };

describe('pip-compile requirements file: properties', () => {
  it('given arbitrary text, when parsed, then it is a pinned set or refused naming a line, never another exception', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 200 }), expectParsedOrRefusedByLine), { numRuns: 500 });
  });

  it('given arbitrary Unicode text, when parsed, then it is a pinned set or refused naming a line, never another exception', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), expectParsedOrRefusedByLine), { numRuns: 500 });
  });

  it('given lines of requirement-like fragments, when parsed, then it is a pinned set or refused naming a line, never another exception', () => {
    fc.assert(fc.property(requirementLikeText, expectParsedOrRefusedByLine), { numRuns: 1500 });
  });

  it('given a generated pinned set printed as pip-compile output, when parsed, then it is that pinned set, and printing it again parses the same', () => {
    fc.assert(
      fc.property(validFile, layout, ({ written, ...options }, style) => {
        const file: RequirementsFile = { requirements: written.map((each) => each.requirement), ...options };
        const text = printed(file, style, written.map((each) => each.writtenName));
        const parsed = parseRequirementsFile(text);
        expect(parsed).toEqual(file);
        expect(parseRequirementsFile(printed(parsed, style))).toEqual(parsed);
      }),
      { numRuns: 300 },
    );
  });

  describe('given the real fixtures', () => {
    const fixtures = readdirSync(FIXTURES).filter((file) => file.endsWith('.txt'));

    it('when listed, then there are some', () => {
      expect(fixtures.length).toBeGreaterThan(0);
    });

    it.each(fixtures)('given %s, when parsed, printed and parsed again, then the same file and the same pinned set id come back', (fixture) => {
      const parsed = parseRequirementsFile(readFileSync(join(FIXTURES, fixture), 'utf8'));
      for (const style of [BLOCK, { lineEnd: '\r\n', via: 'block', hashes: 'one-line' } as Layout]) {
        const again = parseRequirementsFile(printed(parsed, style));
        expect(again).toEqual(parsed);
        expect(canonicalPinnedSet(again.requirements)).toBe(canonicalPinnedSet(parsed.requirements));
      }
    });
  });
});
