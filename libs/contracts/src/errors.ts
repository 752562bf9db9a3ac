/**
 * Every code an error body of the api (REST and /live) can carry, one union per area. The api maps each
 * code to a status in one exhaustive table and error-messages.ts gives each a sentence in zh-CN and en,
 * so a code added here fails to compile until it is mapped and worded.
 */

/** The queue domain's refusals (libs/queue throws them as QueueError). */
export type QueueErrorCode =
  | 'HALL_NOT_FOUND'
  | 'CATEGORY_NOT_FOUND'
  | 'WINDOW_NOT_FOUND'
  | 'TICKET_NOT_FOUND'
  | 'ILLEGAL_TRANSITION'
  | 'WINDOW_NOT_OPEN'
  | 'WINDOW_BUSY'
  | 'WINDOW_IDLE'
  | 'CATEGORY_NOT_SERVED'
  | 'CATEGORY_PAUSED'
  | 'HALL_CLOSED'
  | 'DUPLICATE'
  | 'IDEMPOTENCY_MISMATCH'
  | 'INVALID_INPUT';

/** Sign-in, tokens, access rules, staff accounts and devices. */
export type AuthErrorCode =
  | 'UNAUTHENTICATED'
  | 'TOKEN_INVALID'
  | 'SIGN_IN_FAILED'
  | 'ACCOUNT_LOCKED'
  | 'FORBIDDEN'
  | 'NO_ACCESS_RULE'
  | 'ACCOUNT_NOT_FOUND'
  | 'DEVICE_NOT_FOUND';

/** Line alerts. */
export type AlertErrorCode = 'ALERT_NOT_FOUND';

/**
 * Ratings refuse with the queue's codes (a second rating is `DUPLICATE`, an unfinished ticket
 * `ILLEGAL_TRANSITION`) and say which case through a reason (see ErrorReason): the wire codes predate
 * this table and clients depend on them.
 */
export type RatingErrorCode = Extract<QueueErrorCode, 'DUPLICATE' | 'ILLEGAL_TRANSITION' | 'WINDOW_IDLE'>;

/** A request the api cannot read or that breaks a rule of its shape. */
export type InputErrorCode = 'VALIDATION_FAILED' | 'BAD_JSON' | 'PAYLOAD_TOO_LARGE' | 'BODY_TOO_DEEP' | 'UNSUPPORTED_MEDIA_TYPE';

/** The service itself: outages, limits, unknown routes, bugs. */
export type SystemErrorCode =
  | 'DATABASE_UNAVAILABLE' | 'RATE_LIMITED' | 'NOT_FOUND' | 'INTERNAL' | 'METRICS_OFF' | 'METRICS_TOKEN_REQUIRED' | 'TOO_MANY_CONNECTIONS';

export type ErrorCode = QueueErrorCode | AuthErrorCode | AlertErrorCode | RatingErrorCode | InputErrorCode | SystemErrorCode;

/**
 * Where one code covers several cases, `details.reason` names the case, so the sentence fits it
 * (INVALID_INPUT has many). A reason only refines the message; programs keep reading `code`.
 */
export type ErrorReason =
  // ILLEGAL_TRANSITION
  | 'TICKET_STATE' | 'WINDOW_STATE' | 'TRANSFERRED_ELSEWHERE' | 'TICKET_CHANGED' | 'NOT_RATEABLE'
  | 'ALREADY_OPEN' | 'OPEN_TO_MOVE' | 'NO_LONGER_SERVES' | 'SAME_PROFILE' | 'ALREADY_CLOSED'
  // INVALID_INPUT
  | 'TRANSFER_SAME_WINDOW' | 'PROFILE_REPEAT' | 'TIME_ZONE' | 'LOCAL_TIME' | 'DATE_FORMAT' | 'DATE_RANGE' | 'RANGE_ORDER' | 'RANGE_TOO_LONG'
  // TICKET_NOT_FOUND, WINDOW_NOT_OPEN, WINDOW_IDLE
  | 'TRACKING_CODE' | 'TRANSFER_TO_CLOSED' | 'NOTHING_TO_RATE'
  // DUPLICATE
  | 'HALL_FIELD_TAKEN' | 'ALREADY_RATED' | 'USERNAME_TAKEN'
  // FORBIDDEN
  | 'KIOSK_NEEDS_DEVICE' | 'SCREEN_CANNOT_ISSUE' | 'KIOSK_OTHER_HALL' | 'STAFF_OTHER_HALL' | 'APPOINTMENT_NEEDS_CHECK_IN' | 'PRIORITY_NEEDS_KIOSK'
  // VALIDATION_FAILED
  | 'TICKET_OR_NUMBER' | 'CATEGORY_OR_WINDOW' | 'OPEN_FLAG' | 'IDEMPOTENCY_KEY' | 'MANAGER_NEEDS_HALL' | 'CLERK_NEEDS_WINDOW'
  | 'ADMIN_NO_SCOPE' | 'MANAGER_HALLS_ONLY' | 'CLERK_WINDOWS_ONLY';

/** Named values a message is filled with; also the body's `details`. Lists are joined with ", ". */
export type ErrorParams = { reason?: ErrorReason } & Record<string, unknown>;

/** The JSON body of every REST error (HTTP status repeated in it). */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode | string;
  /** English, for logs and API clients; pages show errorText(code, details, lang) instead. */
  message: string;
  details?: ErrorParams;
}

/** A refused /live `subscribe` or `unsubscribe` (the acknowledgement; the `error` event adds `request`). */
export interface LiveRefusal {
  ok: false;
  code: ErrorCode | string;
  /** English; pages show errorText(code, details, lang). */
  error: string;
  details?: ErrorParams;
}
