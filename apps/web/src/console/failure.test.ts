import { describe, expect, it } from 'vitest';
import { HttpError } from '../auth/session.ts';
import { describeFailure } from './failure.ts';

const http = (status: number, error?: string, message?: string) => new HttpError(status, { ...(error ? { error } : {}), ...(message ? { message } : {}) });

describe('describeFailure', () => {
  it('recognises a change made meanwhile by someone else', () => {
    expect(describeFailure(http(409, 'version_conflict', 'Case C1 is at version 3, not 2'))).toEqual({
      kind: 'conflict',
      code: 'version_conflict',
      detail: 'Case C1 is at version 3, not 2',
    });
  });

  it('tells other 409s (a duplicate username) from a version conflict', () => {
    expect(describeFailure(http(409, 'conflict', 'username taken')).kind).toBe('invalid');
  });

  it('sorts refusals, bad input, lost sessions, throttling and server faults', () => {
    expect(describeFailure(http(403, 'wrong_department')).kind).toBe('forbidden');
    expect(describeFailure(http(422, 'reason_required')).kind).toBe('invalid');
    expect(describeFailure(http(400, 'bad_request')).kind).toBe('invalid');
    expect(describeFailure(http(401, 'unauthenticated')).kind).toBe('session');
    expect(describeFailure(http(404, 'not_found')).kind).toBe('not_found');
    expect(describeFailure(http(429)).kind).toBe('throttled');
    expect(describeFailure(http(503)).kind).toBe('server');
    expect(describeFailure(http(422, 'reason_required')).code).toBe('reason_required');
  });

  it('blames the network for anything that is not an HTTP answer', () => {
    expect(describeFailure(new TypeError('Failed to fetch'))).toEqual({ kind: 'network', code: null, detail: 'Failed to fetch' });
    expect(describeFailure('??')).toEqual({ kind: 'network', code: null, detail: null });
  });
});
