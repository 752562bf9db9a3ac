import { ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError } from './app-error';

/** One global pipe: DTOs transformed, unknown fields refused, errors as a field -> messages tree. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new AppError('VALIDATION_FAILED', {
        // English only (class-validator's sentences); pages name the fields instead.
        problems: fields.map(([f, m]) => `${f}: ${m[0]}`).join('; '),
        fieldNames: fields.map(([f]) => f),
        fields: Object.fromEntries(fields),
      });
    },
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
