import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsOptional, IsString, IsUrl, Matches } from 'class-validator';
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
