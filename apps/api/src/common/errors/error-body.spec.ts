import { BadRequestException, NotFoundException } from '@nestjs/common';
import { ERROR_MESSAGES } from '@hallq/contracts';
import { QueueError } from '@hallq/queue';
import { AppError } from './app-error';
import { CIRCUIT_OPEN_CODE } from './database-unavailable';
import { toErrorBody, toLiveRefusal } from './error-body';
import { ERROR_STATUS } from './error-status';

describe('toErrorBody', () => {
  it('maps a domain refusal by the table, in the catalog\'s English, its params as details', () => {
    expect(toErrorBody(new QueueError('HALL_NOT_FOUND', { hallId: 'x' }))).toEqual({
      statusCode: 404, code: 'HALL_NOT_FOUND', message: 'No hall with id "x".', details: { hallId: 'x' },
    });
    // Domain refusals always had details, if empty.
    expect(toErrorBody(new QueueError('TICKET_NOT_FOUND'))).toEqual({ statusCode: 404, code: 'TICKET_NOT_FOUND', message: 'No such ticket.', details: {} });
  });

  it('maps an app refusal the same way, with details only when it has some', () => {
    expect(toErrorBody(new AppError('SIGN_IN_FAILED'))).toEqual({ statusCode: 401, code: 'SIGN_IN_FAILED', message: 'Wrong username or password.' });
    expect(toErrorBody(new AppError('VALIDATION_FAILED', { reason: 'OPEN_FLAG' }))).toMatchObject({
      statusCode: 400, message: 'open must be true or false.', details: { reason: 'OPEN_FLAG' },
    });
  });

  it('keeps retryAfterSec at the top level, as before the catalog', () => {
    const b = toErrorBody(new AppError('ACCOUNT_LOCKED', { minutes: 15, retryAfterSec: 900 }));
    expect(b).toMatchObject({ statusCode: 429, retryAfterSec: 900, message: expect.stringContaining('try again in 15 minute(s)') });
  });

  it('says what is wrong with a body the parser refused', () => {
    const bad = new BadRequestException('x', { cause: { type: 'entity.parse.failed' } });
    expect(toErrorBody(bad)).toEqual({ statusCode: 400, code: 'BAD_JSON', message: 'The request body is not valid JSON.' });
  });

  it("passes Nest's own errors through with a code, answers 503 for an outage, 500 for the rest", () => {
    expect(toErrorBody(new NotFoundException('Cannot GET /nope'))).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: 'Cannot GET /nope' });
    const away = toErrorBody(Object.assign(new Error('circuit open'), { code: CIRCUIT_OPEN_CODE }));
    expect(away).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', details: { retryAfterSec: 2 } });
    expect(toErrorBody(new TypeError('oops'))).toEqual({ statusCode: 500, code: 'INTERNAL', message: 'Something went wrong on our side; please try again.' });
  });

  it('gives /live the same code, sentence and details', () => {
    expect(toLiveRefusal(new QueueError('WINDOW_NOT_FOUND'))).toEqual({ ok: false, code: 'WINDOW_NOT_FOUND', error: 'No window with this id.', details: {} });
  });

  it('has a status and a sentence for every code', () => {
    expect(Object.keys(ERROR_STATUS).sort()).toEqual(Object.keys(ERROR_MESSAGES).sort());
  });
});
