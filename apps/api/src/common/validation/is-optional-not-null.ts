import { applyDecorators } from '@nestjs/common';
import { ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * A field that may be left out, but not sent as null. class-validator's IsOptional also lets null
 * through, which a PATCH then writes into a NOT NULL column (a 500): here null meets the field's own
 * validators and is refused with a 400 naming the field (see createValidationPipe). The same rule as
 * PartialType(..., { skipNullProperties: false }) for the update DTOs derived from create DTOs.
 */
export function IsOptionalNotNull(options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(ValidateIf((_object, value) => value !== undefined, options));
}
