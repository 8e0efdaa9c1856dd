import { describe, expect, it } from 'vitest';
import type { CaseDetail, NewCase } from '@cw/contracts';
import type { RunningServer } from '../app.ts';
import { call, cleanupAfterEach, login } from '../testing/harness.ts';
import { MAX_PHOTO_BYTES } from './photo-store.ts';

const { server } = cleanupAfterEach();

const report: NewCase = {
  title: '井盖缺失',
  description: '人行道井盖缺失',
  channel: 'hotline_12345',
  requestType: 'complaint',
  category: 'public_facilities',
  urgency: 'normal',
  division: '430502',
  location: [111.4677, 27.2389],
  reporter: { name: '王先生', phone: '13900000000' },
};
// A PNG's 8-byte signature and a header chunk's start: enough for the server's check.
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

const upload = (s: RunningServer, id: string, token: string, body: Uint8Array<ArrayBuffer>, type = 'image/png') =>
  fetch(`${s.url}/api/v1/cases/${id}/photos`, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${token}` }, body });

describe('field photos and the inspector (监督员)', () => {
  it('takes a photo for a case on site, refuses what is not one, and records it with the place in the verification', async () => {
    const s = await server();
    const officer = await login(s, 'officer');
    const inspector = await login(s, 'inspector');
    const id = (await call(s, 'POST', '/api/v1/cases', officer, report)).body['id'] as string;

    // Not on site yet: the case is only reported.
    expect((await upload(s, id, inspector, PNG)).status).toBe(422);
    expect((await call(s, 'POST', `/api/v1/cases/${id}/commands`, officer, { caseId: id, expectedVersion: 1, action: 'verify' })).status).toBe(200);

    // The inspector reads what to look at, not who called.
    const seen = (await call(s, 'GET', `/api/v1/cases/${id}`, inspector)).body as unknown as CaseDetail;
    expect(seen.case.description).toBe('人行道井盖缺失');
    expect(seen.case.reporter).toBeUndefined();
    expect(seen.allowed).toContain('report_verification');

    expect((await upload(s, id, inspector, new TextEncoder().encode('not a picture'))).status).toBe(415);
    expect((await upload(s, id, inspector, PNG, 'image/jpeg')).status).toBe(415);
    expect((await upload(s, id, inspector, PNG, 'application/pdf')).status).toBe(415);
    expect((await upload(s, id, inspector, new Uint8Array(MAX_PHOTO_BYTES + 1).fill(1))).status).toBe(413);
    expect((await upload(s, id, await login(s, 'cgj'), PNG)).status).toBe(403);

    const ok = await upload(s, id, inspector, PNG);
    expect(ok.status).toBe(201);
    const { photoId } = (await ok.json()) as { photoId: string };
    expect(photoId).toMatch(/^[a-f0-9]{32}$/);
    const back = await fetch(`${s.url}/api/v1/cases/${id}/photos/${photoId}`, { headers: { authorization: `Bearer ${officer}` } });
    expect(back.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(PNG);

    // A photo never uploaded for this case is refused and changes nothing.
    const unknown = await call(s, 'POST', `/api/v1/cases/${id}/commands`, inspector, {
      caseId: id,
      expectedVersion: 2,
      action: 'report_verification',
      comment: '现场属实',
      evidence: { photoId: 'b'.repeat(32) },
    });
    expect(unknown.status).toBe(422);
    const evidence = { photoId, location: [111.4679, 27.2391], locationSource: 'device', accuracyM: 8 };
    const verified = await call(s, 'POST', `/api/v1/cases/${id}/commands`, inspector, { caseId: id, expectedVersion: 2, action: 'report_verification', comment: '现场属实', evidence });
    expect(verified.status, JSON.stringify(verified.body)).toBe(200);
    const detail = (await call(s, 'GET', `/api/v1/cases/${id}`, officer)).body as unknown as CaseDetail;
    expect(detail.case.state).toBe('verified');
    expect(detail.history.at(-1)).toMatchObject({ action: 'report_verification', actor: { role: 'inspector' }, details: { evidence } });
  }, 60_000);
});
