import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { FactRefused } from '@provenance/recording';

/** The domain's refusals: a different fact under a recorded identity is 409, a broken rule 422. */
@Catch(FactRefused)
export class FactRefusedFilter implements ExceptionFilter {
  catch(error: FactRefused, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
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
