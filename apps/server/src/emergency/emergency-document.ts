import { DEPARTMENT_STATUSES, type EmergencyRecord, type ReportChannel } from '@cw/contracts';
import {
  DEPARTMENT_STATUS_LABELS,
  EMERGENCY_CATEGORY_LABELS,
  EMERGENCY_LEVEL_LABELS,
  EMERGENCY_STATUS_LABELS,
  REPORT_KIND_LABELS,
} from '@cw/vocabulary';
import { areaText, reportingUnit, type EmergencyContext } from '@cw/emergency';
import type { PdfBlock, PdfDocumentSpec } from '../documents/pdf.ts';

const CHANNEL_LABELS: Record<ReportChannel, string> = { phone: '电话报告', written: '书面报告' };
const ACTOR_ROLE_SYSTEM = '系统';

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-11-27 10:05:09 in the city's time. */
export function localTime(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * The emergency as a document for the record (突发事件记录): the summary, the departments
 * with the time of every step, the checklist, instructions, reporting limits, every report
 * (the frozen sent text, or the draft marked 草稿) and the whole timeline. In Chinese, as
 * the record is kept; names come from the profile and the department list.
 */
export function emergencyDocument(e: EmergencyRecord, ctx: EmergencyContext, exportedBy: string, now: number): PdfDocumentSpec {
  const tz = ctx.utcOffsetMinutes;
  const t = (ms: number) => localTime(ms, tz);
  const dept = (id: string) => ctx.departmentName(id) ?? id;
  const subtype = ctx.profile.subtypes.find((s) => s.id === e.subtype)?.name.zh ?? e.subtype;
  const plan = e.planId === null ? null : (ctx.profile.plans.find((p) => p.id === e.planId) ?? null);
  const c = e.casualties;
  const drill = e.drill ? '【演练】' : '';

  const summary: PdfBlock = {
    kind: 'keyValue',
    rows: [
      { label: '编号', value: e.id },
      { label: '事件名称', value: e.title },
      { label: '类别', value: `${EMERGENCY_CATEGORY_LABELS[e.category].zh} / ${subtype}` },
      { label: '响应级别', value: EMERGENCY_LEVEL_LABELS[e.level].zh },
      { label: '性质', value: e.drill ? '演练（不计入统计）' : '实战' },
      { label: '状态', value: e.status === 'active' ? EMERGENCY_STATUS_LABELS.active.zh : `${EMERGENCY_STATUS_LABELS.stood_down.zh}（${t(e.standDownAt ?? e.updatedAt)}：${e.standDownReason ?? ''}）` },
      { label: '宣布', value: `${e.declaredBy}，${t(e.declaredAt)}` },
      { label: '地点', value: `${ctx.divisionName(e.division) ?? e.division}${e.address ?? ''}（东经 ${e.location[0].toFixed(5)}°，北纬 ${e.location[1].toFixed(5)}°）` },
      { label: '影响范围', value: areaText(e.area) },
      { label: '来源案件', value: e.caseIds.length === 0 ? '直接宣布' : e.caseIds.join('、') },
      { label: '人员伤亡', value: `死亡 ${c.deaths} 人，受伤 ${c.injured} 人，失踪 ${c.missing} 人` },
      { label: '直接经济损失', value: `约 ${e.lossesWan} 万元` },
      { label: '应急预案', value: plan === null ? '无匹配预案' : `《${plan.name.zh}》` },
      { label: '指挥长', value: e.commander?.zh ?? '' },
    ],
  };

  const departments: PdfBlock = {
    kind: 'table',
    columns: [{ header: '部门', width: 2 }, { header: '当前状态', width: 1.2 }, { header: '各环节时间', width: 4.5 }],
    rows: e.departments.map((d) => [
      `${dept(d.department)}${d.lead ? '（牵头）' : ''}`,
      `${DEPARTMENT_STATUS_LABELS[d.status].zh}${d.silentSince === null ? '' : `（${t(d.silentSince)} 起未响应）`}`,
      DEPARTMENT_STATUSES.filter((s) => d.statusAt[s] !== undefined)
        .map((s) => `${DEPARTMENT_STATUS_LABELS[s].zh} ${t(d.statusAt[s]!)}`)
        .join('\n'),
    ]),
  };

  const checklist: PdfBlock = {
    kind: 'table',
    columns: [{ header: '处置事项', width: 4 }, { header: '完成人', width: 1.2 }, { header: '完成时间', width: 2 }],
    rows: e.checklist.map((i) => [i.text.zh, i.doneBy ?? '', i.doneAt === null ? '未完成' : t(i.doneAt)]),
  };

  const instructions: PdfBlock = {
    kind: 'table',
    columns: [{ header: '时间', width: 1.8 }, { header: '批示人', width: 1.1 }, { header: '批示内容', width: 3 }, { header: '签收', width: 2.6 }],
    rows: e.instructions.map((i) => [
      t(i.at),
      i.by,
      i.text,
      i.to.map((d) => `${dept(d)}：${i.acknowledgedBy[d] === undefined ? '未签收' : `${t(i.acknowledgedBy[d])} 签收`}`).join('\n'),
    ]),
  };

  const deadlines: PdfBlock = {
    kind: 'table',
    columns: [{ header: '报告方式', width: 1 }, { header: '时限', width: 1.6 }, { header: '完成', width: 1.6 }, { header: '情况', width: 1 }],
    rows: e.reportDeadlines.map((d) => [
      CHANNEL_LABELS[d.channel],
      t(d.dueAt),
      d.metAt === null ? '未完成' : t(d.metAt),
      d.metAt !== null ? (d.metAt <= d.dueAt ? '按时' : '超时') : d.overdueAt !== null ? '已逾期' : '未到时限',
    ]),
  };

  const reports: PdfBlock[] = e.reports.flatMap((r): PdfBlock[] =>
    r.sentAt !== null && r.text !== null
      ? [
          { kind: 'heading', level: 2, text: `${REPORT_KIND_LABELS[r.kind].zh}（已报送）` },
          { kind: 'paragraph', muted: true, text: `报送：${r.sentBy ?? ''}，${t(r.sentAt)}。以下为报送文本原文。` },
          { kind: 'paragraph', text: r.text },
        ]
      : [
          { kind: 'heading', level: 2, text: `${REPORT_KIND_LABELS[r.kind].zh}（草稿，未报送）` },
          { kind: 'paragraph', muted: true, text: `草稿，起草于 ${t(r.draftedAt)}，尚未报送，内容可能修改。` },
          { kind: 'paragraph', text: r.draft },
        ],
  );

  const timeline: PdfBlock = {
    kind: 'table',
    columns: [{ header: '序号', width: 0.6, align: 'right' }, { header: '时间', width: 1.9 }, { header: '操作人', width: 1.3 }, { header: '内容', width: 5 }],
    rows: e.timeline.map((x) => [String(x.seq), t(x.at), x.actor.role === 'system' ? ACTOR_ROLE_SYSTEM : x.actor.name, x.text]),
  };

  const none = (what: string): PdfBlock => ({ kind: 'paragraph', muted: true, text: `无${what}。` });
  return {
    title: `${drill}${e.title}`,
    subtitle: `突发事件记录 ${e.id} · ${reportingUnit(ctx)}`,
    header: `${drill}${ctx.cityName} · 突发事件记录 ${e.id}`,
    footer: `导出：${exportedBy}，${t(now)}`,
    author: reportingUnit(ctx),
    createdAt: new Date(now),
    blocks: [
      { kind: 'heading', text: '一、基本情况' },
      summary,
      { kind: 'heading', text: '二、联动部门' },
      e.departments.length === 0 ? none('联动部门') : departments,
      { kind: 'heading', text: '三、处置措施' },
      e.checklist.length === 0 ? none('预案处置事项') : checklist,
      { kind: 'heading', text: '四、领导批示' },
      e.instructions.length === 0 ? none('批示') : instructions,
      { kind: 'heading', text: '五、信息报告' },
      e.reportDeadlines.length === 0 ? none('报告时限') : deadlines,
      ...(e.reports.length === 0 ? [none('报告')] : reports),
      { kind: 'heading', text: '六、时间线' },
      timeline,
    ],
  };
}
