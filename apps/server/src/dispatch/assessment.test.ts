import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { AssessmentReport, NewCase } from '@cw/contracts';
import type { RunningServer } from '../app.ts';
import { pdfPageTexts } from '../documents/pdf-inspect.ts';
import { call, cleanupAfterEach, login } from '../testing/harness.ts';

const { server } = cleanupAfterEach();

// A grid report of 市容环境: 1 working day to handle. Dispatched on Friday 27 November 2026,
// so due at close of business on Monday 30 November, inside November.
const report = (n: number): NewCase => ({
  title: `垃圾满溢 ${n}`,
  description: '公交站旁垃圾桶满溢',
  channel: 'grid_inspector',
  category: 'city_appearance',
  urgency: 'normal',
  division: '430502',
  location: [111.4677 + n * 0.01, 27.2389],
});

async function download(s: RunningServer, path: string, token: string) {
  const res = await fetch(`${s.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), body: new Uint8Array(await res.arrayBuffer()) };
}

describe('the monthly assessment report', () => {
  it('counts the month by hand and serves the same figures as JSON, xlsx and PDF', async () => {
    const s = await server();
    const officer = await login(s, 'officer');
    const cgj = await login(s, 'cgj');
    const run = async (n: number, steps: [string, Record<string, unknown>][]) => {
      const id = (await call(s, 'POST', '/api/v1/cases', officer, report(n))).body['id'] as string;
      let v = 1;
      for (const [who, body] of steps) {
        const r = await call(s, 'POST', `/api/v1/cases/${id}/commands`, who === 'cgj' ? cgj : officer, { caseId: id, expectedVersion: v++, comment: 'ok', ...body });
        expect(r.status, JSON.stringify(r.body)).toBe(200);
      }
    };
    const toHandling: [string, Record<string, unknown>][] = [
      ['officer', { action: 'register' }],
      ['officer', { action: 'dispatch', department: 'cgj' }],
      ['cgj', { action: 'acknowledge' }],
      ['cgj', { action: 'start' }],
    ];
    // One handled and closed at once; one still being handled.
    await run(1, [...toHandling, ['cgj', { action: 'feedback' }], ['officer', { action: 'start_check' }], ['officer', { action: 'check_pass' }]]);
    await run(2, toHandling);

    const json = await call(s, 'GET', '/api/v1/dispatch/assessment/2026-11', officer);
    expect(json.status).toBe(200);
    const r = json.body as unknown as AssessmentReport;
    // 立案 2, both due on 30 November (应结案 2), 1 closed: 50 %. cgj: 应处置 2, 处置 1, 按期 1.
    expect(r.centre).toEqual({ registered: 2, due: 2, closed: 1, closedOnTime: 1, closureRate: 0.5, onTimeClosureRate: 0.5 });
    expect(r.departments).toEqual([
      {
        department: 'cgj',
        dispatched: 2,
        due: 2,
        handled: 1,
        handledOnTime: 1,
        extended: 0,
        reworked: 0,
        evaluated: 0,
        satisfied: 0,
        onTimeRate: 0.5,
        handlingRate: 0.5,
        extensionRate: 0,
        reworkRate: 0,
        satisfactionRate: null,
        rank: 1,
      },
    ]);
    // December: nothing fell due yet, nothing registered.
    expect((await call(s, 'GET', '/api/v1/dispatch/assessment/2026-12', officer)).status).toBe(404);
    expect((await call(s, 'GET', '/api/v1/dispatch/assessment/2026-13', officer)).status).toBe(400);
    // A department would see its peers' standing: refused.
    expect((await call(s, 'GET', '/api/v1/dispatch/assessment/2026-11', cgj)).status).toBe(403);

    const xlsx = await download(s, '/api/v1/dispatch/assessment/2026-11/xlsx', officer);
    expect(xlsx.status).toBe(200);
    expect(xlsx.type).toContain('spreadsheetml');
    expect(xlsx.disposition).toContain('2026-11.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body.buffer as ExcelJS.Buffer);
    const ranking = book.worksheets[0]!;
    expect(ranking.getRow(3).values).toEqual([undefined, '排名', '部门', '派遣数', '应处置数', '处置数', '按期处置数', '按期处置率', '延期率', '返工率', '回访满意率']);
    expect(ranking.getRow(4).values).toEqual([undefined, 1, '市城市管理和综合执法局', 2, 2, 1, 1, 0.5, 0, 0]);
    expect(ranking.getCell('G4').numFmt).toBe('0.00%');
    const centre = book.worksheets[1]!;
    expect(centre.getRow(2).values).toEqual([undefined, '应结案数', 2]);
    expect(centre.getRow(5).values).toEqual([undefined, '结案率', 0.5]);

    const pdf = await download(s, '/api/v1/dispatch/assessment/2026-11/pdf?lang=en', officer);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const text = (await pdfPageTexts(pdf.body)).join('\n');
    expect(text).toContain('Dispatch monthly assessment 2026-11');
    expect(text).toContain('50.00%');
  }, 60_000);

  it('is limited like a write: one caller repeating it is refused, another still served', async () => {
    const s = await server({ WRITE_RATE_LIMIT: '3' });
    const officer = await login(s, 'officer');
    const shift = await login(s, 'shift');
    // Three within the minute per route, then 429.
    for (let i = 0; i < 3; i++) expect((await download(s, '/api/v1/dispatch/assessment/2026-11/pdf', officer)).status).toBe(200);
    expect((await download(s, '/api/v1/dispatch/assessment/2026-11/pdf', officer)).status).toBe(429);
    expect((await download(s, '/api/v1/dispatch/assessment/2026-11/pdf', shift)).status).toBe(200);
    expect((await call(s, 'GET', '/api/v1/dispatch/assessment/2026-11', shift)).status).toBe(200);
  }, 60_000);
});
