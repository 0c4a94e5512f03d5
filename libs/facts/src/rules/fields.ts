import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsObject, IsOptional, IsString, IsUrl, Matches, ValidateNested } from 'class-validator';
import { DIGEST, digestMessage, ENVIRONMENT, GIT_SHA, IDENTIFIER, NO_WHITESPACE, shaMessage } from './field-rules';
import { IsIdentifier } from './is-identifier';
import { HoldsAtMost } from './list-rules';

type FieldDecorator = (target: object, property: string) => void;

/** Decorators as one, applied as if written one above the other (the lowest first). */
function stacked(...decorators: FieldDecorator[]): FieldDecorator {
  return (target, property) => {
    for (const decorator of [...decorators].reverse()) decorator(target, property);
  };
}

/** A name or id in the facts' identifier alphabet: 1-128 letters, digits or ._:@+-. */
export const Identifier = (field: string) =>
  stacked(Matches(IDENTIFIER, { message: `${field} must be 1-128 letters, digits or ._:@+- starting with a letter or digit` }), IsIdentifier());

/** A Python package's name, as pip writes it. */
const PACKAGE = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,98}[A-Za-z0-9])?$/;
export const PackageName = () =>
  stacked(ApiProperty({ type: String, pattern: PACKAGE.source }), Matches(PACKAGE, { message: 'package must be a Python package name' }), IsIdentifier());

/** A full git sha. */
export const GitSha = (field: string) => stacked(Matches(GIT_SHA, { message: shaMessage(field) }), IsIdentifier());

/** A `sha256:` digest. */
export const Digest = (field: string) => stacked(Matches(DIGEST, { message: digestMessage(field) }), IsIdentifier());

/** A repository, file name or other reference: 1-300 characters without whitespace. */
export const NoWhitespace = (field: string) =>
  stacked(Matches(NO_WHITESPACE, { message: `${field} must be 1-300 characters without whitespace` }), IsIdentifier());

/** An environment's name, lowercase, e.g. `site` or `aqf-1`. */
export const EnvironmentName = (field: string, example: string) =>
  stacked(Matches(ENVIRONMENT, { message: `${field} must be a lowercase environment name, e.g. ${example}` }), IsIdentifier());

/** The nodes a deployment or patch went to: at least one, each a name without whitespace. */
export const NodeNames = () =>
  stacked(
    ApiProperty({ type: [String], minItems: 1 }),
    IsArray({ message: 'nodes must be an array of node names' }),
    ArrayMinSize(1, { message: 'nodes must name at least one node' }),
    HoldsAtMost('nodes'),
    Matches(NO_WHITESPACE, { each: true, message: 'each of nodes must be a node name without whitespace' }),
    IsIdentifier(),
  );

/** An optional identifier with no format of its own (a request id, a builder's name). */
export const OptionalIdentifier = () => stacked(IsOptional(), IsString(), IsIdentifier());

/** An optional link, to a build log or a report. */
export const OptionalUrl = (field: string) =>
  stacked(ApiPropertyOptional({ type: String, format: 'uri' }), IsOptional(), IsUrl({ require_tld: false }, { message: `${field} must be a URL` }), IsIdentifier());

// class-validator validates an array in place of the object it expects, each of its items
// instead, so [] would pass for an object and [[]] for a list of them: IsObject refuses both.

/** An optional nested object, e.g. a build's artifact; `shape` says what it holds, for the message. */
export const OptionalObject = (field: string, shape: string, type: () => new () => object) =>
  stacked(IsOptional(), IsObject({ message: `${field} must be an object with ${shape}` }), ValidateNested(), Type(type));

/** An optional list of package versions (`{ package, version }`), at most as many as MAX_ITEMS allows. */
export const OptionalPackageVersions = (list: 'builds' | 'builtAgainst', type: () => new () => object) =>
  stacked(
    IsOptional(),
    IsArray(),
    HoldsAtMost(list),
    IsObject({ each: true, message: `each of ${list} must be an object with package and version` }),
    ValidateNested({ each: true }),
    Type(type),
  );
