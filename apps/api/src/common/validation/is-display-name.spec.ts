import { displayNameProblem } from './is-display-name';

describe('displayNameProblem', () => {
  const one = { max: 12 };
  it('keeps letters of every script, digits, spaces inside, punctuation and symbols', () => {
    for (const ok of ['税务', 'Tax 2', "O'Brien, J.", '社保 / 医保', '（二号楼）', 'Ωmega №1', 'a\u3000b', 'e\u0301', '😀']) {
      expect(displayNameProblem(ok, 'name', one)).toBeNull();
    }
  });

  it('refuses hidden characters with their code point and position', () => {
    expect(displayNameProblem('ab\u0000', 'name', one))
      .toBe('name contains an invisible control character (U+0000) at character 3; remove it and send plain text');
    expect(displayNameProblem('😀\u200b', 'name', one)).toMatch(/^name contains an invisible formatting character \(U\+200B, .*\) at character 2;/);
    expect(displayNameProblem('a\u202eb', 'name', one)).toMatch(/text-direction control \(U\+202E\)/);
    expect(displayNameProblem('a\ud800', 'name', one)).toMatch(/broken character \(U\+D800/);
    expect(displayNameProblem('a\nb', 'name', one)).toMatch(/line break \(U\+000A\)/);
    expect(displayNameProblem('a\nb', 'comment', { max: 10, multiline: true })).toBeNull();
  });

  it('refuses empty values, over-long values counted in characters, and non-text', () => {
    expect(displayNameProblem('', 'name', one)).toBe('name must not be empty or only spaces');
    expect(displayNameProblem('𠮷'.repeat(12), 'name', one)).toBeNull();
    expect(displayNameProblem('𠮷'.repeat(13), 'name', one)).toBe('name must be at most 12 characters; it has 13');
    expect(displayNameProblem(5, 'name', one)).toBe('name must be text');
    expect(displayNameProblem(['ok', ''], 'materials', { max: 10, each: true })).toBe('materials[1] must not be empty or only spaces');
    expect(displayNameProblem('ok', 'materials', { max: 10, each: true })).toBe('materials must be a list of texts');
  });
});
