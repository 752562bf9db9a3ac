import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/** One global pipe: DTOs transformed, unknown fields refused, errors as a field -> messages tree. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) =>
      new BadRequestException({
        code: 'VALIDATION_FAILED',
        message: `Invalid request: ${flatten(errors).map(([f, m]) => `${f}: ${m[0]}`).join('; ')}`,
        details: { fields: Object.fromEntries(flatten(errors)) },
      }),
  });
}

function flatten(errors: ValidationError[], prefix = ''): [string, string[]][] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own: [string, string[]][] = e.constraints ? [[path, Object.values(e.constraints)]] : [];
    return [...own, ...flatten(e.children ?? [], path)];
  });
}
