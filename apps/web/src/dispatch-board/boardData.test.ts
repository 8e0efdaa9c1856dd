import { describe, expect, it } from 'vitest';
import type { CaseSlaView, CaseSummary, DepartmentKpi } from '@cw/contracts';
import { MIN_RATE_SAMPLE, RATE_TARGETS, departmentRanking, formatRate, isOpen, latestCases, listBasisVh, listGrow, oldestWaiting, openByDivision, rateTone, signedChange, tooltipHtml, watchList, watchMarkers } from './boardData.ts';

const overdue = (fractionUsed: number): CaseSlaView => ({ step: 'handling', deadline: 1, light: 'red', fractionUsed, overdue: true, paused: false });

function summary(id: string, over: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id,
    version: 1,
    title: id,
    channel: 'grid_inspector',
    category: 'city_appearance',
    urgency: 'normal',
    division: 'a',
    state: 'dispatched',
    department: 'cgj',
    reportedAt: 1000,
    updatedAt: 1000,
    closedAt: null,
    supervised: false,
    reminders: 0,
    mergedInto: null,
    mergedReportIds: [],
    sla: null,
    instructions: 0,
    ...over,
  };
}

const divisions = [
  { code: 'a', center: [111, 27] as [number, number] },
  { code: 'b', center: [110, 26] as [number, number] },
];

describe('open cases', () => {
  const cases = [
    summary('1'),
    summary('2', { division: 'b', category: 'road_traffic' }),
    summary('3', { state: 'closed', closedAt: 5 }),
    summary('4', { state: 'voided' }),
    summary('5', { state: 'merged' }),
    summary('6', { division: 'elsewhere', category: 'road_traffic' }),
    summary('7', { category: 'road_traffic' }),
  ];

  it('counts as the server does: not closed, voided or merged', () => {
    expect(cases.filter(isOpen).map((c) => c.id)).toEqual(['1', '2', '6', '7']);
  });

  it('counts per division, every division present', () => {
    expect(Object.fromEntries(openByDivision(cases, divisions))).toEqual({ a: 2, b: 1 });
    expect(Object.fromEntries(openByDivision([], divisions))).toEqual({ a: 0, b: 0 });
  });
});

describe('watchList', () => {
  it('lists overdue cases, most overdue first, then supervised ones, oldest first; finished cases never', () => {
    const cases = [
      summary('late', { sla: overdue(1.2) }),
      summary('sup-new', { supervised: true, reportedAt: 300 }),
      summary('later', { sla: overdue(2.5) }),
      summary('sup-old', { supervised: true, reportedAt: 100 }),
      summary('both', { supervised: true, sla: overdue(1.1) }),
      summary('closed-sup', { supervised: true, state: 'closed', closedAt: 9 }),
      summary('fine'),
    ];
    expect(watchList(cases).map((w) => `${w.case.id}:${w.reason}`)).toEqual(['later:overdue', 'late:overdue', 'both:overdue', 'sup-old:supervised', 'sup-new:supervised']);
  });

  it('places markers at the case, else at its division, and skips unknown divisions', () => {
    const list = watchList([
      summary('here', { supervised: true, location: [111.5, 27.2] }),
      summary('there', { supervised: true, division: 'b', reportedAt: 2000 }),
      summary('nowhere', { supervised: true, division: 'zz', reportedAt: 3000 }),
    ]);
    expect(watchMarkers(list, divisions)).toEqual([
      { id: 'here', reason: 'supervised', position: [111.5, 27.2], approximate: false },
      { id: 'there', reason: 'supervised', position: [110, 26], approximate: true },
    ]);
  });
});

describe('latestCases', () => {
  it('gives the newest reports first', () => {
    const cases = [summary('a', { reportedAt: 1 }), summary('b', { reportedAt: 3 }), summary('c', { reportedAt: 2 })];
    expect(latestCases(cases, 2).map((c) => c.id)).toEqual(['b', 'c']);
  });
});

describe('departmentRanking', () => {
  const kpi = (department: string, handled: number, onTimeRate: number | null): DepartmentKpi => ({ department, handled, handledOnTime: 0, onTimeRate, acknowledged: 0, returns: 0, reworks: 0 });
  it('keeps the server’s order and leaves out departments that handled nothing', () => {
    expect(departmentRanking([kpi('a', 3, 1), kpi('b', 5, 0.8), kpi('c', 0, null), kpi('d', 1, 0.5)], 2).map((d) => d.department)).toEqual(['a', 'b']);
  });
});

describe('formatting', () => {
  it('shows rates as percentages and nothing-to-rate as a dash', () => {
    expect(formatRate(0.875, 'zh-CN')).toBe('87.5%');
    expect(formatRate(1, 'en')).toBe('100.0%');
    expect(formatRate(null, 'en')).toBe('—');
  });

  it('escapes every text that goes into a tooltip', () => {
    const html = tooltipHtml('<img src=x onerror="window.__pwned=1">', ['<script>window.__pwned=2</script>']);
    expect(html).toBe('<b>&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;</b><br/>&lt;script&gt;window.__pwned=2&lt;/script&gt;');
  });
});

describe('rateTone', () => {
  it('is neutral below the minimum sample, whatever the rate', () => {
    expect(MIN_RATE_SAMPLE).toBe(20);
    expect(rateTone(0, 2, RATE_TARGETS.closure)).toBe('thin'); // "0 of 2" is not a red figure
    expect(rateTone(1, 19, RATE_TARGETS.closure)).toBe('thin');
    expect(rateTone(null, 0, RATE_TARGETS.closure)).toBe('none');
  });
  it('is green at or above a minimum target and red below it', () => {
    expect(rateTone(0.9, 20, RATE_TARGETS.closure)).toBe('good'); // 18 of 20
    expect(rateTone(17 / 20, 20, RATE_TARGETS.closure)).toBe('bad');
  });
  it('is green at or below a maximum target and red above it', () => {
    expect(rateTone(2 / 20, 20, RATE_TARGETS.extension)).toBe('good');
    expect(rateTone(3 / 20, 20, RATE_TARGETS.rework)).toBe('bad');
  });
});

describe('oldestWaiting', () => {
  it('lists open cases nobody has taken up yet, longest waiting first, without the overdue ones', () => {
    const cases = [
      summary('in-hand', { state: 'in_progress', updatedAt: 100 }),
      summary('new', { state: 'reported', updatedAt: 900 }),
      summary('unsigned', { state: 'dispatched', updatedAt: 300 }),
      summary('late', { state: 'dispatched', updatedAt: 200, sla: overdue(1.5) }),
      summary('back', { state: 'returned', updatedAt: 500 }),
      summary('done', { state: 'closed', updatedAt: 50, closedAt: 60 }),
    ];
    expect(oldestWaiting(cases).map((c) => c.id)).toEqual(['unsigned', 'back', 'new']);
  });
});

describe('signedChange', () => {
  it('signs the difference with a true minus', () => {
    expect(signedChange(7, 4)).toBe('+3');
    expect(signedChange(2, 5)).toBe('−3');
    expect(signedChange(3, 3)).toBe('±0');
  });
});

describe('listGrow', () => {
  it('gives a list panel a share in step with its rows, from 1 to 4', () => {
    expect(listGrow(0)).toBe(1);
    expect(listGrow(2)).toBe(1);
    expect(listGrow(5)).toBe(2.5);
    expect(listGrow(10)).toBe(4);
  });
});

describe('listBasisVh', () => {
  it('keeps room for the title and up to two rows', () => {
    expect(listBasisVh(0, 6, 0.6)).toBe(6.5);
    expect(listBasisVh(1, 6, 0.6)).toBeCloseTo(13.1); // 6.5 + 6.6
    expect(listBasisVh(9, 6, 0.6)).toBeCloseTo(19.7); // 6.5 + 2 × 6.6
  });
});
