import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';

/** What body-parser (through http-errors) throws for a body it will not read. */
interface BodyParserError {
  status: number;
  type: string;
  message: string;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  const { status, type, expose } = (error ?? {}) as { status?: unknown; type?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && typeof type === 'string' && expose === true;
}

const MESSAGES: Record<string, (limit: unknown) => string> = {
  'entity.too.large': (limit) => `the body is larger than PROVENANCE_MAX_BODY_BYTES (${String(limit)} bytes)`,
  'request.aborted': () => 'the client stopped sending the body',
};

/**
 * A body the parser refused (too large, not JSON, an encoding it cannot read) is the client's
 * mistake: answered with its status and a sentence, not logged as a server error. Anything
 * else goes on to Nest's own handling.
 */
@Catch()
export class BodyParserErrorFilter extends BaseExceptionFilter implements ExceptionFilter {
  override catch(error: unknown, host: ArgumentsHost): void {
    if (error instanceof HttpException || !isBodyParserError(error)) return super.catch(error, host);
    const response = host.switchToHttp().getResponse<Response>();
    const message = MESSAGES[error.type]?.((error as { limit?: unknown }).limit) ?? error.message;
    response.status(error.status).json({ statusCode: error.status, error: error.type, message });
  }
}
