import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { registerDecorator } from 'class-validator';

export interface DisplayNameOptions {
  /** Longest value in characters (code points, as MySQL's VARCHAR counts them). */
  max: number;
  /** Line breaks allowed (a rating comment); a name, label or reason is one line. */
  multiline?: boolean;
  /** The field is a list of such texts (a category's materials). */
  each?: boolean;
  /** An optional free text (a rating comment): empty or only whitespace counts as left out, not refused. */
  blankIsNone?: boolean;
}

/**
 * Characters a person cannot see or that change how the text around them is shown: control characters
 * (NUL, tab, escape...), format characters (zero-width spaces and joiners, bidi overrides and isolates,
 * soft hyphens), line and paragraph separators, private-use, unpaired surrogate and unassigned code points.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{Cn}\p{Zl}\p{Zp}]/u;
const LINE_BREAK = /^[\r\n]$/;

/**
 * A human-readable name or label shown on screens, pages and reports (hall and category names, device
 * labels, account display names, pause and call reasons, rating comments). The value is NFC-normalized
 * and trimmed of leading and trailing whitespace first (so " 税务 " is stored as "税务" and cannot sit
 * next to "税务" as a lookalike); then refused with a 400 saying what is wrong when it is not text, is
 * empty or only whitespace, is too long, or holds a hidden character. Letters of every script, digits,
 * spaces inside, punctuation and symbols stay accepted.
 */
export function IsDisplayName(opts: DisplayNameOptions): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => {
      if (opts.each && Array.isArray(value)) return value.map(tidy);
      const v = tidy(value);
      return opts.blankIsNone && v === '' ? undefined : v;
    }),
    (target: object, propertyName: string | symbol) =>
      registerDecorator({
        name: 'isDisplayName',
        target: target.constructor,
        propertyName: propertyName as string,
        validator: {
          validate: (value: unknown) => displayNameProblem(value, String(propertyName), opts) === null,
          defaultMessage: (args) => displayNameProblem(args?.value, args?.property ?? String(propertyName), opts) ?? '',
        },
      }),
  );
}

function tidy(value: unknown): unknown {
  return typeof value === 'string' ? value.normalize('NFC').trim() : value;
}

/** What is wrong with a (tidied) value, as a sentence naming the field, or null when it is fine. */
export function displayNameProblem(value: unknown, field: string, opts: DisplayNameOptions): string | null {
  if (!opts.each) return textProblem(value, field, opts);
  if (!Array.isArray(value)) return `${field} must be a list of texts`;
  for (const [i, v] of value.entries()) {
    const p = textProblem(v, `${field}[${i}]`, opts);
    if (p) return p;
  }
  return null;
}

function textProblem(value: unknown, field: string, opts: DisplayNameOptions): string | null {
  if (typeof value !== 'string') return `${field} must be text`;
  if (value.length === 0) return `${field} must not be empty or only spaces`;
  const chars = [...value];
  if (chars.length > opts.max) return `${field} must be at most ${opts.max} characters; it has ${chars.length}`;
  for (const [i, ch] of chars.entries()) {
    if (opts.multiline && LINE_BREAK.test(ch)) continue;
    if (HIDDEN.test(ch)) return `${field} contains ${describe(ch)} at character ${i + 1}; remove it and send plain text`;
  }
  return null;
}

function describe(ch: string): string {
  const cp = ch.codePointAt(0)!;
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  if (ch === '\n' || ch === '\r' || /[\p{Zl}\p{Zp}]/u.test(ch)) return `a line break (${code}), which fits no single line`;
  if (ch === '\t') return `a tab (${code})`;
  if (/\p{Cc}/u.test(ch)) return `an invisible control character (${code})`;
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x061c) {
    return `a text-direction control (${code}) that can make the text read differently than it is stored`;
  }
  if (/\p{Cf}/u.test(ch)) return `an invisible formatting character (${code}, e.g. a zero-width space or joiner)`;
  if (/\p{Cs}/u.test(ch)) return `a broken character (${code}, half of a surrogate pair)`;
  if (/\p{Co}/u.test(ch)) return `a private-use character (${code}) that shows differently on every device`;
  return `an unassigned character (${code})`;
}
