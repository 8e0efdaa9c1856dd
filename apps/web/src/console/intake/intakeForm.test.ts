import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, draftToReport } from './intakeForm.ts';

const draft = { ...EMPTY_DRAFT, title: ' 人民路垃圾满溢 ', description: '已两天无人清运', division: '430502' };

describe('draftToReport', () => {
  it('builds a hotline report with its request type, trimming blanks and leaving out empty optional fields', () => {
    expect(draftToReport(draft)).toEqual({
      ok: true,
      report: { title: '人民路垃圾满溢', description: '已两天无人清运', channel: 'hotline_12345', requestType: 'complaint', category: 'city_appearance', urgency: 'normal', division: '430502' },
    });
  });

  it('leaves the request type out for other channels', () => {
    const r = draftToReport({ ...draft, channel: 'grid_inspector' });
    expect(r.ok && r.report.requestType).toBe(undefined);
  });

  it('carries the place and the reporter when given', () => {
    const r = draftToReport({ ...draft, lon: '111.47', lat: ' 27.24', address: '双清区人民路 12 号', reporterName: '张先生', reporterPhone: '138 0000 0000' });
    expect(r.ok && r.report).toMatchObject({ location: [111.47, 27.24], address: '双清区人民路 12 号', reporter: { name: '张先生', phone: '138 0000 0000' } });
  });

  it('carries the sub-category (小类) when one is chosen', () => {
    const r = draftToReport({ ...draft, subCategory: 'exposed_garbage' });
    expect(r.ok && r.report.subCategory).toBe('exposed_garbage');
  });

  it('names the wrong fields', () => {
    expect(draftToReport({ ...draft, title: '  ', division: '' })).toEqual({ ok: false, fields: ['title', 'division'] });
    expect(draftToReport({ ...draft, lon: '111.4' })).toEqual({ ok: false, fields: ['lat'] });
    expect(draftToReport({ ...draft, lat: '95', lon: 'east' })).toEqual({ ok: false, fields: ['lon', 'lat'] });
    expect(draftToReport({ ...draft, reporterPhone: 'call me' })).toEqual({ ok: false, fields: ['reporterPhone'] });
  });
});
