import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AccessLevel } from './access-policy';

export const ACCESS_KEY = 'hallq:access';
/** The OpenAPI extension that states each operation's access level (read by the authorization test). */
export const ACCESS_EXTENSION = 'x-hallq-access';

/**
 * Who may call this route: the one decision per route that the global AccessGuard enforces. A route
 * without it is refused (and fails the authorization matrix test), so nothing is open by accident.
 */
export function Access(level: AccessLevel): MethodDecorator & ClassDecorator {
  const docs = level === 'public'
    ? [ApiExtension(ACCESS_EXTENSION, level)]
    : [
        ApiExtension(ACCESS_EXTENSION, level),
        ApiBearerAuth(),
        ApiUnauthorizedResponse({ description: 'No valid staff or device token' }),
        ApiForbiddenResponse({ description: `Needs ${level}` }),
      ];
  return applyDecorators(SetMetadata(ACCESS_KEY, level), ...docs);
}

/** The explicit public marker: anyone may call this route. */
export const Public = (): MethodDecorator & ClassDecorator => Access('public');
