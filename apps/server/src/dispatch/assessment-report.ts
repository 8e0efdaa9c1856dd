import type { AssessmentReport, DepartmentAssessment, Localized } from '@cw/contracts';
import type { PdfDocumentSpec } from '../documents/pdf.ts';

/**
 * The monthly assessment report (月度考核报表) as a document: one table model, laid out as a
 * PDF (documents/pdf.ts) and as an xlsx workbook (exceljs), so both carry the same figures as
 * the JSON. Rates are shown to two decimals of a percent, as assessment offices publish them.
 */

export type ReportLang = 'zh-CN' | 'en';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Text {
  zh: string;
  en: string;
}
const T = {
  title: { zh: '事件分拨月度考核报表', en: 'Dispatch monthly assessment' },
  centre: { zh: '中心总体', en: 'Centre' },
  departments: { zh: '部门考核排名', en: 'Department ranking' },
  generated: { zh: '生成时间', en: 'Generated' },
  registered: { zh: '立案数', en: 'Registered' },
  due: { zh: '应结案数', en: 'Due for closure' },
  closed: { zh: '结案数', en: 'Closed' },
  closedOnTime: { zh: '按期结案数', en: 'Closed on time' },
  closureRate: { zh: '结案率', en: 'Closure rate' },
  onTimeClosureRate: { zh: '按期结案率', en: 'On-time closure rate' },
  rank: { zh: '排名', en: 'Rank' },
  department: { zh: '部门', en: 'Department' },
  dispatched: { zh: '派遣数', en: 'Dispatched' },
  deptDue: { zh: '应处置数', en: 'Due' },
  handled: { zh: '处置数', en: 'Handled' },
  handledOnTime: { zh: '按期处置数', en: 'On time' },
  onTimeRate: { zh: '按期处置率', en: 'On-time rate' },
  extensionRate: { zh: '延期率', en: 'Extension rate' },
  reworkRate: { zh: '返工率', en: 'Rework rate' },
  satisfactionRate: { zh: '回访满意率', en: 'Satisfaction' },
  unranked: { zh: '本月无应处置', en: 'nothing due' },
  notes: {
    zh: '应结案数、应处置数为处置时限落在本月的案件；按期处置率 = 按期处置数 / 应处置数；延期率 = 延期数 / 应处置数；返工率 = 返工数 / 处置数；回访满意率 = 满意与基本满意 / 回访数。排名依次比较按期处置率、返工率、回访满意率。',
    en: 'Due = cases whose handling deadline fell in the month. On-time rate = handled on time / due; extension rate = extended / due; rework rate = reworked / handled; satisfaction = satisfied or basically satisfied / return visits. Ranked by on-time rate, then rework rate, then satisfaction.',
  },
} satisfies Record<string, Text>;

const say = (t: Text, lang: ReportLang) => (lang === 'en' ? t.en : t.zh);
const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(2)}%`);

export interface ReportContext {
  lang: ReportLang;
  utcOffsetMs: number;
  departmentName: (id: string) => Localized | undefined;
}

function localTime(ms: number, utcOffsetMs: number): string {
  return new Date(ms + utcOffsetMs).toISOString().slice(0, 16).replace('T', ' ');
}

interface Table {
  title: string;
  subtitle: string;
  centre: { label: string; value: number | null; rate: boolean }[];
  columns: { header: string; rate: boolean }[];
  rows: (string | number | null)[][];
}

function table(r: AssessmentReport, ctx: ReportContext): Table {
  const { lang } = ctx;
  const name = (d: DepartmentAssessment) => {
    const n = ctx.departmentName(d.department);
    return n ? (lang === 'en' ? n.en : n.zh) : d.department;
  };
  const c = r.centre;
  return {
    title: `${say(T.title, lang)} ${r.month}`,
    subtitle: `${say(T.generated, lang)} ${localTime(r.generatedAt, ctx.utcOffsetMs)}`,
    centre: [
      { label: say(T.registered, lang), value: c.registered, rate: false },
      { label: say(T.due, lang), value: c.due, rate: false },
      { label: say(T.closed, lang), value: c.closed, rate: false },
      { label: say(T.closedOnTime, lang), value: c.closedOnTime, rate: false },
      { label: say(T.closureRate, lang), value: c.closureRate, rate: true },
      { label: say(T.onTimeClosureRate, lang), value: c.onTimeClosureRate, rate: true },
    ],
    columns: [
      { header: say(T.rank, lang), rate: false },
      { header: say(T.department, lang), rate: false },
      { header: say(T.dispatched, lang), rate: false },
      { header: say(T.deptDue, lang), rate: false },
      { header: say(T.handled, lang), rate: false },
      { header: say(T.handledOnTime, lang), rate: false },
      { header: say(T.onTimeRate, lang), rate: true },
      { header: say(T.extensionRate, lang), rate: true },
      { header: say(T.reworkRate, lang), rate: true },
      { header: say(T.satisfactionRate, lang), rate: true },
    ],
    rows: r.departments.map((d) => [
      d.rank ?? say(T.unranked, lang),
      name(d),
      d.dispatched,
      d.due,
      d.handled,
      d.handledOnTime,
      d.onTimeRate,
      d.extensionRate,
      d.reworkRate,
      d.satisfactionRate,
    ]),
  };
}

export function assessmentPdfSpec(r: AssessmentReport, ctx: ReportContext): PdfDocumentSpec {
  const t = table(r, ctx);
  return {
    title: t.title,
    subtitle: t.subtitle,
    createdAt: new Date(r.generatedAt),
    language: ctx.lang,
    blocks: [
      { kind: 'heading', text: say(T.centre, ctx.lang), level: 2 },
      { kind: 'keyValue', rows: t.centre.map((c) => ({ label: c.label, value: c.rate ? percent(c.value) : String(c.value) })) },
      { kind: 'heading', text: say(T.departments, ctx.lang), level: 2 },
      {
        kind: 'table',
        columns: t.columns.map((c, i) => ({ header: c.header, width: i === 1 ? 3 : 1.2, align: i === 1 ? 'left' : 'right' })),
        rows: t.rows.map((row) => row.map((v, i) => (t.columns[i]!.rate ? percent(v as number | null) : String(v)))),
      },
      { kind: 'paragraph', text: say(T.notes, ctx.lang), muted: true },
    ],
  };
}

/** The workbook: sheet 1 the department ranking, sheet 2 the centre; rates are numbers formatted as percentages. */
export async function assessmentXlsx(r: AssessmentReport, ctx: ReportContext): Promise<Buffer> {
  // Loaded here, not at the server's start: half a second of CPU that only a download needs.
  const { default: ExcelJS } = await import('exceljs');
  const t = table(r, ctx);
  const book = new ExcelJS.Workbook();
  book.created = new Date(r.generatedAt);
  book.title = t.title;
  const ranking = book.addWorksheet(say(T.departments, ctx.lang));
  ranking.addRow([t.title]).font = { bold: true, size: 14 };
  ranking.addRow([t.subtitle]);
  const header = ranking.addRow(t.columns.map((c) => c.header));
  header.font = { bold: true };
  for (const row of t.rows) ranking.addRow(row);
  t.columns.forEach((c, i) => {
    const col = ranking.getColumn(i + 1);
    col.width = i === 1 ? 28 : 14;
    if (c.rate) col.numFmt = '0.00%';
  });
  ranking.addRow([]);
  ranking.addRow([say(T.notes, ctx.lang)]);
  const centre = book.addWorksheet(say(T.centre, ctx.lang));
  centre.getColumn(1).width = 24;
  centre.getColumn(2).width = 14;
  for (const c of t.centre) {
    const row = centre.addRow([c.label, c.value]);
    if (c.rate) row.getCell(2).numFmt = '0.00%';
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function reportFileName(month: string, lang: ReportLang, ext: 'pdf' | 'xlsx'): string {
  return lang === 'en' ? `dispatch-assessment-${month}.${ext}` : `事件分拨月度考核-${month}.${ext}`;
}
