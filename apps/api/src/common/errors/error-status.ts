import { HttpStatus } from '@nestjs/common';
import type { ErrorCode } from '@hallq/contracts';

/**
 * The one table from error codes (every area's, libs/contracts/src/errors.ts) to HTTP statuses, read by
 * the HTTP and the socket filters alike. A code without a status fails to compile here.
 */
export const ERROR_STATUS: Record<ErrorCode, HttpStatus> = {
  // queue domain
  HALL_NOT_FOUND: HttpStatus.NOT_FOUND,
  CATEGORY_NOT_FOUND: HttpStatus.NOT_FOUND,
  WINDOW_NOT_FOUND: HttpStatus.NOT_FOUND,
  TICKET_NOT_FOUND: HttpStatus.NOT_FOUND,
  ILLEGAL_TRANSITION: HttpStatus.CONFLICT,
  WINDOW_NOT_OPEN: HttpStatus.CONFLICT,
  WINDOW_BUSY: HttpStatus.CONFLICT,
  WINDOW_IDLE: HttpStatus.CONFLICT,
  CATEGORY_NOT_SERVED: HttpStatus.CONFLICT,
  CATEGORY_PAUSED: HttpStatus.CONFLICT,
  HALL_CLOSED: HttpStatus.CONFLICT,
  DUPLICATE: HttpStatus.CONFLICT,
  IDEMPOTENCY_MISMATCH: HttpStatus.UNPROCESSABLE_ENTITY,
  INVALID_INPUT: HttpStatus.BAD_REQUEST,
  // auth
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  TOKEN_INVALID: HttpStatus.UNAUTHORIZED,
  SIGN_IN_FAILED: HttpStatus.UNAUTHORIZED,
  ACCOUNT_LOCKED: HttpStatus.TOO_MANY_REQUESTS,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NO_ACCESS_RULE: HttpStatus.FORBIDDEN,
  ACCOUNT_NOT_FOUND: HttpStatus.NOT_FOUND,
  DEVICE_NOT_FOUND: HttpStatus.NOT_FOUND,
  // alerts
  ALERT_NOT_FOUND: HttpStatus.NOT_FOUND,
  // input
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  BAD_JSON: HttpStatus.BAD_REQUEST,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  BODY_TOO_DEEP: HttpStatus.BAD_REQUEST,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  // system
  DATABASE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  INTERNAL: HttpStatus.INTERNAL_SERVER_ERROR,
  METRICS_OFF: HttpStatus.NOT_FOUND,
  METRICS_TOKEN_REQUIRED: HttpStatus.UNAUTHORIZED,
  TOO_MANY_CONNECTIONS: HttpStatus.TOO_MANY_REQUESTS,
};
