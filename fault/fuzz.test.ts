import { describe, expect, it } from 'vitest';
import { cleanupAfterEach, login } from '../apps/server/src/testing/harness.ts';
import { fingerprint, nextCaseId, runFuzz, seed } from './fuzz.ts';

const { server } = cleanupAfterEach();

async function put(url: string, path: string, token: string, body: unknown): Promise<number> {
  const res = await fetch(`${url}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  return res.status;
}

describe('fuzz', () => {
  it('names the next case id after the last one', () => {
    expect(nextCaseId('C20261127-0009')).toBe('C20261127-0010');
    expect(nextCaseId('C20261127-9999')).toBe('C20261127-10000');
  });

  it('its state probe sees an accepted write and a new case, and not a refused one', async () => {
    const s = await server({ STORAGE: 'memory' });
    const { tokens, known } = await seed(s);
    const last = known.cases[known.cases.length - 1]!;
    const probe = () => fingerprint(s.url, tokens, known.cases, nextCaseId(last), () => '');
    const start = await probe();
    expect(await probe()).toBe(start);

    // A duty officer may not rename a department: refused, nothing changed.
    expect(await put(s.url, '/api/v1/departments/cgj', await login(s, 'officer'), { name: { zh: '改名', en: 'Renamed' }, kind: 'bureau' })).toBe(403);
    expect(await probe()).toBe(start);

    expect(await put(s.url, '/api/v1/departments/cgj', tokens.admin!, { name: { zh: '改名', en: 'Renamed' }, kind: 'bureau' })).toBe(200);
    const renamed = await probe();
    expect(renamed).not.toBe(start);

    const res = await fetch(`${s.url}/api/v1/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.officer}` },
      body: JSON.stringify({ title: '新案件', description: 'x', channel: 'grid_inspector', category: 'city_appearance', urgency: 'normal', division: known.divisions[0], location: [111.48, 27.23] }),
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { id: string }).id).toBe(nextCaseId(last));
    expect(await probe()).not.toBe(renamed);
  });

  // The smaller sample of `npm run fuzz`.
  it('2,000 fuzzed requests and socket messages: no 5xx, no crash, refusals change nothing, heap bounded', async () => {
    const r = await runFuzz({ runs: 2000, seed: 20261127, log: () => undefined });
    expect(r.failures).toEqual([]);
    expect(r.cases).toBe(2000);
    expect(r.fiveHundreds).toBe(0);
    expect(r.crashes).toBe(0);
    expect(r.stateChangedByRefusals).toBe(0);
    expect(r.refusalsChecked).toBeGreaterThan(100);
    expect(r.prototypePolluted).toBe(false);
    expect([r.heapStartMB, r.heapEndMB, r.heapBounded]).toEqual([r.heapStartMB, r.heapEndMB, true]);
  }, 300_000);
});
