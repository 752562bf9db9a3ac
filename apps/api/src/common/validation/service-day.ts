import { QueueError } from '@hallq/queue';
import { registerDecorator, type ValidationOptions } from 'class-validator';
import { errorText, type ErrorParams } from '@hallq/contracts';

/**
 * Service days the api takes in a query (reports, ratings, plans): a real calendar date as YYYY-MM-DD
 * between FIRST_SERVICE_DAY and LAST_SERVICE_DAY. The bounds keep every date the api computes with
 * (the day after, the hall's local midnight) inside what Date and the databases handle, and refuse
 * years a hall cannot have data for (0001-01-01, 9999-12-31) with a 400 instead of a 500.
 */
export const FIRST_SERVICE_DAY = '2000-01-01';
export const LAST_SERVICE_DAY = '2099-12-31';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a service day, or what is wrong with it: a sentence naming the field and its parameters. */
export function checkServiceDay(value: unknown, field: string): { day: number } | { problem: string; params: ErrorParams } {
  const s = typeof value === 'string' ? value : '';
  const m = DAY.exec(s);
  // Date.UTC reads years 0-99 as 1900-1999: build years through setUTCFullYear so 0001 stays 0001.
  const d = new Date(0);
  if (m) d.setUTCFullYear(+m[1], +m[2] - 1, +m[3]);
  if (!m || d.toISOString().slice(0, 10) !== s) {
    const got = typeof value === 'string' ? `"${value.slice(0, 40)}"` : String(value);
    return problem({ reason: 'DATE_FORMAT', field, value: got, [field]: value ?? null });
  }
  if (s < FIRST_SERVICE_DAY || s > LAST_SERVICE_DAY) {
    return problem({ reason: 'DATE_RANGE', field, first: FIRST_SERVICE_DAY, last: LAST_SERVICE_DAY, value: `"${s}"`, [field]: s });
  }
  return { day: d.getTime() / DAY_MS };
}

/** Days since 1970-01-01 of a service day; a 400 (INVALID_INPUT) naming the field otherwise. */
export function parseServiceDay(value: string, field: string): number {
  const r = checkServiceDay(value, field);
  if ('problem' in r) throw new QueueError('INVALID_INPUT', r.params);
  return r.day;
}

/** The same check as a DTO decorator: the 400 names the field and says what a good value looks like. */
export function IsServiceDay(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isServiceDay',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => 'day' in checkServiceDay(value, String(propertyName)),
        defaultMessage: (args) => {
          const r = checkServiceDay(args?.value, args?.property ?? String(propertyName));
          return 'problem' in r ? r.problem : '';
        },
      },
    });
}

function problem(params: ErrorParams): { problem: string; params: ErrorParams } {
  return { problem: errorText('INVALID_INPUT', params, 'en'), params };
}
