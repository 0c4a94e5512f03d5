import { BadRequestException } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** body-parser's `verify` hook: sees the raw body before it is parsed, and throws to refuse it. */
export type BodyVerifier = (request: IncomingMessage, response: ServerResponse, body: Buffer, encoding: string | null) => void;

export interface JsonShapeLimits {
  /** Deepest nesting of arrays and objects. */
  depth: number;
  /** Most items in one array. */
  items: number;
  /** Most members of one object. */
  members: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * What makes JSON text too big in shape to hand to the parser and the validators, if anything:
 * one pass over the bytes with a counter per open level (no recursion, nothing parsed). Commas
 * and brackets inside strings do not count; UTF-8 never puts a quote or backslash byte inside a
 * longer character, so bytes can be read one by one. Malformed text is left to the parser.
 */
export function jsonShapeProblem(json: Uint8Array, limits: JsonShapeLimits): string | undefined {
  const separators = new Int32Array(limits.depth + 1);
  const isObject = new Uint8Array(limits.depth + 1);
  let depth = 0;
  let inString = false;
  for (let index = 0; index < json.length; index++) {
    const byte = json[index];
    if (inString) {
      if (byte === BACKSLASH) index++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > limits.depth) return `the JSON body nests deeper than ${limits.depth} levels (PROVENANCE_MAX_JSON_DEPTH); send it flatter`;
      separators[depth] = 0;
      isObject[depth] = byte === OPEN_OBJECT ? 1 : 0;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth = Math.max(0, depth - 1);
    } else if (byte === COMMA && depth > 0 && ++separators[depth] >= (isObject[depth] ? limits.members : limits.items)) {
      return isObject[depth]
        ? `an object in the JSON body has more than ${limits.members} members; no fact has that many fields`
        : `a list in the JSON body has more than ${limits.items} items, more than any field takes (see README.md, "Limits")`;
    }
  }
  return undefined;
}

/**
 * Refuses a JSON body too deep or too wide (see jsonShapeProblem) with 400 before it is parsed.
 * Transformation and validation further on recurse into every level and visit every item: a
 * body a few KB long nested thousands deep overflowed their stack (500), and 250,000 list items
 * or 100,000 unknown fields in 1 MB took seconds of CPU before the 400.
 */
export function verifyJsonShape(limits: JsonShapeLimits): BodyVerifier {
  return (_request, _response, body) => {
    const problem = jsonShapeProblem(body, limits);
    if (problem === undefined) return;
    throw Object.assign(new BadRequestException(problem), {
      // body-parser answers a refusal from verify with this status (403 when there is none).
      status: 400,
      expose: true,
    });
  };
}

/** Both checks, in order. */
export const bothOf =
  (first: BodyVerifier, second: BodyVerifier): BodyVerifier =>
  (...args) => {
    first(...args);
    second(...args);
  };
