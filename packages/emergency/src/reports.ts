import { type EmergencyRecord, type ReportKind } from '@cw/contracts';
import {
  DEPARTMENT_STATUS_LABELS,
  EMERGENCY_CATEGORY_LABELS,
  EMERGENCY_LEVEL_LABELS,
  REPORT_KIND_LABELS,
} from '@cw/vocabulary';
import { officialDate, officialTime, type EmergencyContext } from './context.ts';
import { findPlan, responseFor } from './plans.ts';

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const item = (i: number) => `（${NUMERALS[i] ?? String(i + 1)}）`;
const INDENT = '    ';

function reportAreaText(e: EmergencyRecord): string {
  return e.area.kind === 'radius' ? `事发点周边${e.area.radiusM >= 1000 ? `${e.area.radiusM / 1000}公里` : `${e.area.radiusM}米`}范围` : '已划定的影响区域';
}

/** The unit that signs reports: the profile's, or the city's operations centre. */
export const reportingUnit = (ctx: EmergencyContext): string => ctx.profile.reportingUnit?.zh ?? `${ctx.cityName}城市运行管理指挥中心`;

/**
 * Drafts 初报 / 续报 / 终报 from the recorded facts, in the usual layout of an official
 * report (标题、主送机关、正文分“一、二、三…”、落款、日期): what, where, when, category,
 * level, casualties, losses, actions taken, instructions, departments, next steps. The
 * officer completes it before sending.
 */
export function draftReport(e: EmergencyRecord, kind: ReportKind, ctx: EmergencyContext, now: number): string {
  const tz = ctx.utcOffsetMinutes;
  const plan = e.planId === null ? null : (ctx.profile.plans.find((p) => p.id === e.planId) ?? findPlan(ctx.profile, e.category, e.subtype));
  const response = responseFor(plan, e.level);
  const subtype = ctx.profile.subtypes.find((s) => s.id === e.subtype)?.name.zh ?? e.subtype;
  const place = `${ctx.divisionName(e.division) ?? e.division}${e.address ?? ''}`;
  const dept = (id: string) => ctx.departmentName(id) ?? id;
  const sentBefore = e.reports.filter((r) => r.kind === kind && r.sentAt !== null).length;
  const title = `关于${place}${e.title}的${REPORT_KIND_LABELS[kind].zh}${kind === 'follow_up' ? `（第${sentBefore + 1}次）` : ''}`;
  const addressee = response === null ? `${ctx.cityName}人民政府总值班室` : response.reportingChain.map((c) => c.zh).join('、');
  const c = e.casualties;

  const basics = [
    `事件类别：${EMERGENCY_CATEGORY_LABELS[e.category].zh}（${subtype}）；`,
    `事件等级：${EMERGENCY_LEVEL_LABELS[e.level].zh}；`,
    `发生时间：${officialTime(e.declaredAt, tz)}（启动响应时间）；`,
    `发生地点：${place}（东经${e.location[0].toFixed(4)}°，北纬${e.location[1].toFixed(4)}°）；`,
    `影响范围：${reportAreaText(e)}。`,
  ];
  if (e.caseIds.length > 0) basics.push(`事件由案件${e.caseIds.join('、')}升级。`);

  const actions = e.checklist.filter((i) => i.doneAt !== null);
  const actionLines = actions.length === 0 ? ['正在组织先期处置。'] : actions.map((a, i) => `${item(i)}${a.text.zh}（${officialTime(a.doneAt!, tz)}，${a.doneBy ?? ''}）。`);
  for (const inst of e.instructions) {
    const unacked = inst.to.filter((d) => inst.acknowledgedBy[d] === undefined);
    actionLines.push(`${inst.by}于${officialTime(inst.at, tz)}批示：“${inst.text}”${unacked.length === 0 ? '，有关单位均已签收落实' : `，待${unacked.map(dept).join('、')}签收`}。`);
  }

  const deptLines =
    e.departments.length === 0
      ? ['暂无联动单位。']
      : [e.departments.map((d) => `${dept(d.department)}${d.lead ? '（牵头）' : ''}：${DEPARTMENT_STATUS_LABELS[d.status].zh}（${officialTime(d.statusAt[d.status] ?? e.declaredAt, tz)}）`).join('；') + '。'];

  const open = e.checklist.filter((i) => i.doneAt === null);
  const next =
    kind === 'final'
      ? [
          e.standDownAt === null ? '应急响应尚未终止。' : `应急响应已于${officialTime(e.standDownAt, tz)}终止（${e.standDownReason ?? ''}）。`,
          '下一步将做好善后处置、调查评估和总结工作。',
        ]
      : open.length === 0
        ? ['继续做好现场处置和善后工作，有关情况及时续报。']
        : [...open.map((i, n) => `${item(n)}${i.text.zh}。`), '有关情况及时续报。'];

  const body = [
    `${INDENT}${officialTime(e.declaredAt, tz)}，${place}发生${subtype}（${e.title}），${ctx.cityName}启动${EMERGENCY_LEVEL_LABELS[e.level].zh}应急响应${response === null ? '' : `，由${response.commander.zh}统一指挥，${dept(response.leadDepartment)}牵头处置`}。现将有关情况报告如下：`,
    `${INDENT}一、基本情况`,
    ...basics.map((l) => INDENT + l),
    `${INDENT}二、人员伤亡和财产损失情况`,
    `${INDENT}截至${officialTime(now, tz)}，事件已造成${c.deaths}人死亡、${c.injured}人受伤、${c.missing}人失踪，直接经济损失约${e.lossesWan}万元。`,
    `${INDENT}三、已采取的处置措施`,
    ...actionLines.map((l) => INDENT + l),
    `${INDENT}四、部门联动情况`,
    ...deptLines.map((l) => INDENT + l),
    `${INDENT}五、下一步工作`,
    ...next.map((l) => INDENT + l),
    `${INDENT}特此报告。`,
  ];
  return [...(e.drill ? ['【演练】'] : []), title, '', `${addressee}：`, '', ...body, '', reportingUnit(ctx), officialDate(now, tz)].join('\n');
}
