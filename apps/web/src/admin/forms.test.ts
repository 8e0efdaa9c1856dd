import { describe, expect, it } from 'vitest';
import { newUserSchema } from '@cw/contracts';
import { browserRandom, fieldsWithIssues, generatePassword } from './forms.ts';

describe('fieldsWithIssues', () => {
  it('names the fields a schema complains about', () => {
    const r = newUserSchema.safeParse({ username: 'X', displayName: '', role: 'department', department: null, password: 'short' });
    expect(r.success).toBe(false);
    expect([...fieldsWithIssues(r.error!.issues)].sort()).toEqual(['department', 'displayName', 'password', 'username']);
    const dept = newUserSchema.safeParse({ username: 'zhang.san', displayName: '张三', role: 'department', department: null, password: 'long-enough-1' });
    expect([...fieldsWithIssues(dept.error!.issues)]).toEqual(['department']);
  });
});

describe('generatePassword', () => {
  it('makes passwords the user schema accepts, of unambiguous characters', () => {
    const p = generatePassword(browserRandom);
    expect(p).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{14}$/);
    expect(newUserSchema.safeParse({ username: 'li.si', displayName: '李四', role: 'duty_officer', password: p }).success).toBe(true);
  });

  it('skips bytes that would bias the draw and keeps drawing until long enough', () => {
    let call = 0;
    // First draw: only biased bytes (≥ 224 for a 56-letter alphabet); then zeros.
    const p = generatePassword((n) => new Uint8Array(n).fill(call++ === 0 ? 255 : 0), 4);
    expect(p).toBe('aaaa');
    expect(call).toBe(2);
  });
});
