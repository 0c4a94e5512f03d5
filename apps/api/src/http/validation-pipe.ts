import { listedProblems, pipeProblems } from '@provenance/facts';
import { BadRequestException, ValidationPipe } from '@nestjs/common';

/** The global pipe: DTOs transformed and whitelisted; a 400 lists the first 100 broken rules, then how many more. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => new BadRequestException(listedProblems(pipeProblems(errors))),
  });
}
