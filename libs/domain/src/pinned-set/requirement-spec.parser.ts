import { identifierProblem } from '../shared/identifier';
import { isPackageName, normalisePackageName } from './package-name';
import { RequirementsSyntaxError } from './requirements-syntax.error';

/** What one requirement specifier says, before hashes, annotations and `-e` are added. */
export interface RequirementSpec {
  name: string;
  version: string | null;
  extras: string[];
  marker: string | null;
  url: string | null;
}

const NAME_AT_START = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const URL_AT_START = /^(?:[A-Za-z][A-Za-z0-9+.-]*:\/\/|(?:git|hg|svn|bzr)\+)/;
const OPERATOR = /^(===|==|~=|!=|<=|>=|<|>|=)\s*(.*)$/;
const PINNED_VERSION = /^[A-Za-z0-9][A-Za-z0-9.+!_-]*$/;

type Fail = (reason: string) => never;

/** Reads `name[extras]==version ; marker`, `name @ url`, a VCS or other URL, or a local path. */
export function parseRequirementSpec(text: string, line: number): RequirementSpec {
  const fail: Fail = (reason) => {
    throw new RequirementsSyntaxError(line, reason);
  };
  const spec = text.trim();
  if (URL_AT_START.test(spec) || looksLikePath(spec)) return parseLocation(spec, fail);
  return parseNamed(spec, fail, true);
}

function parseNamed(spec: string, fail: Fail, pinRequired: boolean): RequirementSpec {
  const name = NAME_AT_START.exec(spec)?.[0];
  if (!name) return fail(`expected a package name at the start of '${spec}'`);
  let rest = spec.slice(name.length).trimStart();
  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return fail(`unterminated extras bracket in '${spec}'`);
    extras = extrasOf(rest.slice(1, close), fail);
    rest = rest.slice(close + 1).trimStart();
  }
  if (rest.startsWith('@')) {
    const { url, marker } = locationOf(rest.slice(1).trim(), fail);
    return { name: normalisePackageName(name), version: null, extras, marker, url };
  }
  const semicolon = rest.indexOf(';');
  const specifier = (semicolon < 0 ? rest : rest.slice(0, semicolon)).trim();
  return {
    name: normalisePackageName(name),
    version: specifier === '' && !pinRequired ? null : pinnedVersionOf(name, specifier, fail),
    extras,
    marker: semicolon < 0 ? null : markerOf(rest.slice(semicolon + 1), fail),
    url: null,
  };
}

function looksLikePath(spec: string): boolean {
  const location = spec.split(/\s/, 1)[0];
  return location.startsWith('.') || location.startsWith('~') || location.includes('/') || location.includes('\\');
}

/**
 * A URL or path, optionally followed by ` ; marker` (pip needs the whitespace: a bare ';' can be
 * part of a URL). The name comes from `#egg=name` or `#egg=name==version` (how older pip-compile
 * wrote VCS pins); a local path without one is named after its last segment, as pip cannot know
 * the project name without building it.
 */
function parseLocation(spec: string, fail: Fail): RequirementSpec {
  const { url, marker: marked } = locationOf(spec, fail);
  const egg = eggOf(url);
  if (egg !== null) {
    return { ...parseNamed(egg, fail, false), marker: marked, url };
  }
  if (URL_AT_START.test(url)) return fail(`cannot tell which package '${url}' is: it has no '#egg=<name>'`);
  const lastSegment = url.replace(/[\\/]+$/, '').split(/[\\/]/).pop() ?? '';
  if (!isPackageName(lastSegment)) return fail(`cannot tell which package the path '${url}' is: add '#egg=<name>'`);
  return { name: normalisePackageName(lastSegment), version: null, extras: [], marker: marked, url };
}

function locationOf(spec: string, fail: Fail): { url: string; marker: string | null } {
  const match = /^(\S+)(?:\s+;(.*))?$/.exec(spec);
  if (!match) return fail(`unexpected text after the location in '${spec}'`);
  const [, url, marker] = match;
  const problem = identifierProblem(url);
  if (problem !== undefined) return fail(`the location ${problem}`);
  return { url, marker: marker === undefined ? null : markerOf(marker, fail) };
}

function eggOf(url: string): string | null {
  const hash = url.indexOf('#');
  if (hash < 0) return null;
  const egg = url
    .slice(hash + 1)
    .split('&')
    .find((part) => part.startsWith('egg='));
  return egg === undefined ? null : egg.slice('egg='.length);
}

function extrasOf(text: string, fail: Fail): string[] {
  const extras = text
    .split(',')
    .map((extra) => extra.trim())
    .filter((extra) => extra !== '');
  for (const extra of extras) if (!isPackageName(extra)) fail(`'${extra}' is not a valid extra name`);
  return extras.map(normalisePackageName).sort();
}

function pinnedVersionOf(name: string, specifier: string, fail: Fail): string | null {
  const needsPin = 'a pinned set needs exactly one ==<version>';
  if (specifier === '') return fail(`'${name}' has no version: ${needsPin}`);
  if (specifier.includes(',')) return fail(`'${specifier}' has more than one version specifier: ${needsPin}`);
  const match = OPERATOR.exec(specifier);
  if (!match) return fail(`unexpected '${specifier}' after '${name}'`);
  const [, operator, version] = match;
  if (operator === '=') return fail(`'=' is not a version operator: ${needsPin}`);
  if (operator !== '==' && operator !== '===') return fail(`'${specifier}' does not pin a version: ${needsPin}`);
  if (version === '') return fail(`'${operator}' has no version after it`);
  if (operator === '===') {
    if (/\s/.test(version)) return fail(`invalid version '${version}'`);
    const problem = identifierProblem(version);
    if (problem !== undefined) return fail(`the version of '${name}' ${problem}`);
    return version;
  }
  if (version.includes('*')) return fail(`'${specifier}' is a wildcard, not a pin: ${needsPin}`);
  if (!PINNED_VERSION.test(version)) return fail(`invalid version '${version}'`);
  return version;
}

function markerOf(text: string, fail: Fail): string {
  const marker = text.trim();
  if (marker === '') return fail(`';' is not followed by an environment marker`);
  return marker;
}
