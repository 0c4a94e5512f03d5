import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { AppendUnsupported, EventIdConflict, EventStoreError, ExpectedRevisionConflict, InvalidAppend, LogUnavailable } from '@provenance/event-store';

/**
 * The store's refusals as HTTP answers: 400 for bad input, 413 for a fact over
 * PROVENANCE_MAX_EVENT_BYTES, 409 for conflicts, 503 while the log's server does not answer,
 * 501 for what this log cannot do.
 */
@Catch(EventStoreError)
export class EventStoreErrorFilter implements ExceptionFilter {
  catch(error: EventStoreError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const tooLarge = error instanceof InvalidAppend && error.rule === 'max-size';
    const status =
      error instanceof ExpectedRevisionConflict || error instanceof EventIdConflict
        ? HttpStatus.CONFLICT
        : tooLarge
          ? HttpStatus.PAYLOAD_TOO_LARGE
          : error instanceof LogUnavailable
            ? HttpStatus.SERVICE_UNAVAILABLE
            : error instanceof AppendUnsupported
              ? HttpStatus.NOT_IMPLEMENTED
              : HttpStatus.BAD_REQUEST;
    const body: Record<string, unknown> = { statusCode: status, error: error.code, message: error.message };
    if (error instanceof InvalidAppend) Object.assign(body, { field: error.field, rule: error.rule });
    response.status(status).json(body);
  }
}
