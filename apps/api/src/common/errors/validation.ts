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
    const messages = Object.values(e.constraints ?? {});
    // A null where the DTO takes a value or nothing (IsOptionalNotNull, PartialType without skipping
    // nulls): say so first, before the type messages that follow from it.
    if (e.value === null && messages.length) messages.unshift(`${path} must not be null; leave it out or send a value`);
    const own: [string, string[]][] = messages.length ? [[path, messages]] : [];
    return [...own, ...flatten(e.children ?? [], path)];
  });
}
