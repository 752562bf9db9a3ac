import { ERROR_MESSAGES, REASON_MESSAGES, errorText, fill } from './error-messages';

// A name may differ only by its language (categoryNameZh, categoryNameEn).
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1].replace(/(Zh|En)$/, '')).sort();

describe('ERROR_MESSAGES and REASON_MESSAGES', () => {
  const all = [...Object.entries(ERROR_MESSAGES), ...Object.entries(REASON_MESSAGES)];

  it('word every entry in both languages with the same placeholders', () => {
    for (const [key, m] of all) {
      expect([key, m.zh.trim().length > 0, m.en.trim().length > 0]).toEqual([key, true, true]);
      // VALIDATION_FAILED: the English lists class-validator's sentences, which exist only in English;
      // the Chinese names the fields instead.
      if (key !== 'VALIDATION_FAILED') expect([key, placeholders(m.zh)]).toEqual([key, placeholders(m.en)]);
      if (m.plain) expect([key, placeholders(m.plain.zh), placeholders(m.plain.en)]).toEqual([key, [], []]);
    }
  });

  it('give every code with placeholders a plain sentence to fall back on', () => {
    for (const [code, m] of Object.entries(ERROR_MESSAGES)) if (placeholders(m.en).length) expect([code, !!m.plain]).toEqual([code, true]);
  });

  it('write Chinese in the zh text, not the English sentence', () => {
    for (const [key, m] of all) expect([key, /[\u4e00-\u9fff]/.test(m.zh)]).toEqual([key, true]);
  });
});

describe('errorText', () => {
  it('fills the code message from the details in the asked language', () => {
    expect(errorText('HALL_NOT_FOUND', { hallId: 'h9' }, 'en')).toBe('No hall with id "h9".');
    expect(errorText('HALL_NOT_FOUND', { hallId: 'h9' }, 'zh')).toBe('找不到大厅“h9”。');
  });

  it('says the plainer sentence when a parameter is missing, never an empty {x}', () => {
    expect(errorText('HALL_NOT_FOUND', {}, 'zh')).toBe('找不到该大厅。');
    expect(errorText('WINDOW_BUSY', { label: '5', number: '' }, 'en')).toBe('The window still holds a ticket; finish, transfer or mark it no-show first.');
    expect(errorText('WINDOW_BUSY', undefined, 'zh')).not.toMatch(/[{}]/);
  });

  it('uses the reason\'s wording when the details name one, else the code\'s', () => {
    const d = { reason: 'ALREADY_RATED', number: 'A001', ticketId: 't1' };
    expect(errorText('DUPLICATE', d, 'en')).toBe('Ticket A001 has already been rated; one rating per ticket.');
    expect(errorText('DUPLICATE', d, 'zh')).toBe('号票 A001 已评价过；每张号票只能评价一次。');
    expect(errorText('DUPLICATE', { reason: 'NO_SUCH_REASON' }, 'en')).toBe('This already exists; choose another.');
    // A reason whose values are missing falls back to the code's sentence.
    expect(errorText('WINDOW_IDLE', { reason: 'NOTHING_TO_RATE', label: '3' }, 'en')).toBe('Window 3 has no ticket called; call one first.');
  });

  it('says statuses, actions and access levels in the reader\'s language, and lists joined', () => {
    const d = { reason: 'TICKET_STATE', status: 'no_show', action: 'transfer', allowed: ['called', 'serving'] };
    expect(errorText('ILLEGAL_TRANSITION', d, 'en')).toBe('Cannot transfer a ticket that is no-show; allowed only when called or serving.');
    expect(errorText('ILLEGAL_TRANSITION', d, 'zh')).toBe('号票当前为过号，不能转移；仅在已叫号或办理中时可以。');
    expect(errorText('FORBIDDEN', { needs: 'hall-manager' }, 'en')).toBe('You may not do this here: it needs a manager of this hall.');
    expect(errorText('FORBIDDEN', { needs: 'hall-manager' }, 'zh')).toBe('您无权在此操作：需要本大厅管理员。');
    expect(errorText('CATEGORY_NOT_FOUND', { category: ['X', 'Y'] }, 'en')).toBe('Hall has no service category "X, Y".');
  });

  it('does not translate a value that only looks like one of our words', () => {
    expect(errorText('DUPLICATE', { reason: 'USERNAME_TAKEN', username: 'admin' }, 'en')).toBe('The username "admin" is taken; choose another.');
  });

  it('answers an unknown code with a general sentence', () => {
    expect(errorText('TEAPOT', {}, 'zh')).toBe('操作未能完成，请重试或联系工作人员。');
    expect(errorText(undefined, null, 'en')).toBe('That did not work; please try again or ask staff.');
  });

  it('fill returns null for a missing value and keeps text without placeholders', () => {
    expect(fill('a {x} b', {}, 'en')).toBeNull();
    expect(fill('a {x} b', { x: 0 }, 'en')).toBe('a 0 b');
    expect(fill('plain', {}, 'zh')).toBe('plain');
  });
});
