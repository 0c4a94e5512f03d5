import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { FactRefused, StreamBusy } from '@provenance/recording';

/**
 * The domain's refusals: a different fact under a recorded identity is 409, a broken rule 422;
 * a stream too busy to append to is 503 with Retry-After (nothing was written; retrying is safe).
 */
@Catch(FactRefused, StreamBusy)
export class FactRefusedFilter implements ExceptionFilter {
  catch(error: FactRefused | StreamBusy, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (error instanceof StreamBusy) {
      response.status(503).setHeader('Retry-After', '1').json({ statusCode: 503, error: 'stream-busy', message: error.message });
      return;
    }
    const { refusal } = error;
    if (refusal.kind === 'identity-conflict') {
      response.status(409).json({
        statusCode: 409,
        error: 'identity-conflict',
        message: refusal.message,
        recorded: refusal.recorded,
        attempted: refusal.attempted,
        differences: refusal.differences,
      });
      return;
    }
    response.status(422).json({ statusCode: 422, error: refusal.rule, message: refusal.message });
  }
}
