import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, Observable } from 'rxjs';

/** A fact recorded now answers 201; one that was already on record answers 200 with its original positions. */
@Injectable()
export class RecordingStatusInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        if (body && typeof body === 'object' && (body as { status?: unknown }).status === 'already-recorded') {
          context.switchToHttp().getResponse<Response>().status(200);
        }
        return body;
      }),
    );
  }
}
