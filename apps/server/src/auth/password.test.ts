import { describe, expect, it } from 'vitest';
import { call, login, recordingClient, waitFor, cleanupAfterEach } from '../testing/harness.ts';

const { cleanups, server } = cleanupAfterEach();

describe('changing a password', () => {
  it('refuses the current password as the new one and changes nothing', async () => {
    const s = await server();
    const token = await login(s, 'officer');
    const r = await call(s, 'POST', '/api/v1/auth/password', token, { current: 'citywindow-demo', next: 'citywindow-demo' });
    expect(r.status).toBe(422);
    expect(r.body['error']).toBe('password_reused');
    // The old password still signs in.
    await login(s, 'officer');
  });

  it('refuses to keep an administrator’s reset password at the forced change', async () => {
    const s = await server();
    const admin = await login(s, 'admin');
    const users = (await call(s, 'GET', '/api/v1/users', admin)).body as unknown as { id: string; username: string }[];
    const officer = users.find((u) => u.username === 'officer')!;
    expect((await call(s, 'PATCH', `/api/v1/users/${officer.id}`, admin, { password: 'reset-by-admin-2026' })).status).toBe(200);
    const token = await login(s, 'officer', 'reset-by-admin-2026');
    const same = await call(s, 'POST', '/api/v1/auth/password', token, { current: 'reset-by-admin-2026', next: 'reset-by-admin-2026' });
    expect(same.status).toBe(422);
    // Still forced to change it: cases stay closed to this session.
    expect((await call(s, 'GET', '/api/v1/auth/me', token)).body['mustChangePassword']).toBe(true);
  });

  it('ends every other session of that person, and their sockets, but keeps the one that changed it', async () => {
    const s = await server();
    const elsewhere = await login(s, 'officer');
    const here = await login(s, 'officer');
    const { client } = recordingClient(s.url, ['cases'], { token: elsewhere });
    cleanups.push(() => client.close());
    await waitFor(() => client.status().state === 'live', 'the other session is live');
    const r = await call(s, 'POST', '/api/v1/auth/password', here, { current: 'citywindow-demo', next: 'a-new-passphrase-2026' });
    expect(r.status).toBe(200);
    expect((await call(s, 'GET', '/api/v1/auth/me', elsewhere)).status).toBe(401);
    expect((await call(s, 'GET', '/api/v1/auth/me', here)).status).toBe(200);
    await waitFor(() => client.status().state !== 'live', 'the other session’s socket is cut');
    await login(s, 'officer', 'a-new-passphrase-2026');
  });
});
