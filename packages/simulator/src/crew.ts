import type { Actor, CaseCommand, CaseRecord, Department, Rating, RequestType } from '@cw/contracts';
import { needsReturnVisit } from '@cw/dispatch';
import { keyOf, unit } from './noise.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A command the simulated duty crew issues now, and as whom. */
export interface CrewMove {
  command: CaseCommand;
  actor: Actor;
}

/** Simulated people carry ids starting with this, so real users' cases are left to them. */
export const CREW_PREFIX = 'sim:';

const officer: Actor = { userId: `${CREW_PREFIX}officer`, role: 'duty_officer', name: '模拟值班员' };
const shift: Actor = { userId: `${CREW_PREFIX}shift`, role: 'shift_leader', name: '模拟值班长' };
const handler = (department: string): Actor => ({ userId: `${CREW_PREFIX}${department}`, role: 'department', department, name: '模拟处置人员' });

/**
 * How often a step is finished past its time limit. Hunan's 12345 centres report 按期办结率
 * (handling finished in time) of 96–99 % (profiles/shaoyang/README.md): the departments' handling
 * is late 3 % of the time; the centre's and the departments' short steps 1 %.
 */
const LATE_HANDLING = 0.03;
const LATE_STEP = 0.01;

/** Share of 12345 cases the agent settles on the call (在线办结): most inquiries, some requests for help. */
const ON_CALL_SHARE: Partial<Record<RequestType, number>> = { inquiry: 0.8, help: 0.3 };
const ON_CALL_ANSWER: Partial<Record<RequestType, string>> = { inquiry: '已向来电人解答政策与办理流程', help: '已告知求助渠道及联系方式' };

/**
 * The simulated duty crew (值班员、承办单位): what it does next to a case, if anything is
 * due. Delays and outcomes are pure functions of (seed, case id, step), measured from the
 * case's last change, so the crew behaves the same across restarts. It returns a case now
 * and then, lets a few checks fail, asks for the odd extension, and rates 12345 cases.
 */
export function crewMove(c: CaseRecord, now: number, departments: readonly Department[], seed: number): CrewMove | null {
  const key = keyOf(c.id);
  // One draw per (step, purpose); the step is the case version, so a reopened or reworked
  // case draws afresh.
  const u = (purpose: number) => unit(seed, key, c.version, purpose);
  // A person's delay (minMs–maxMs after the last change), but within the running step's time
  // limit unless the step is one of the few finished late (`lateShare`).
  const after = (minMs: number, maxMs: number, lateShare = LATE_STEP) => dueAt(c, minMs + (maxMs - minMs) * u(1), lateShare, u(5), u(6)) <= now;
  const base = { caseId: c.id, expectedVersion: c.version };

  switch (c.state) {
    case 'reported':
      if (!after(5 * MINUTE, 30 * MINUTE)) return null;
      if (u(2) < 0.03) return { actor: officer, command: { ...base, action: 'void', comment: '经核实不属于受理范围' } };
      if (c.requestType !== undefined && u(4) < (ON_CALL_SHARE[c.requestType] ?? 0)) {
        return { actor: officer, command: { ...base, action: 'close_on_call', answer: ON_CALL_ANSWER[c.requestType]! } };
      }
      if (c.channel !== 'hotline_12345' && u(3) < 0.15) return { actor: officer, command: { ...base, action: 'verify' } };
      return { actor: officer, command: { ...base, action: 'register' } };
    case 'verifying':
      return after(10 * MINUTE, 50 * MINUTE) ? { actor: officer, command: { ...base, action: 'report_verification', comment: '经现场核实，情况属实' } } : null;
    case 'verified':
      return after(3 * MINUTE, 20 * MINUTE, 0) ? { actor: officer, command: { ...base, action: 'register' } } : null;
    case 'registered':
      return after(3 * MINUTE, 15 * MINUTE) ? { actor: officer, command: { ...base, action: 'dispatch', department: departmentFor(c, departments, false) } } : null;
    case 'returned':
      return after(5 * MINUTE, 20 * MINUTE, 0) ? { actor: officer, command: { ...base, action: 're_dispatch', department: departmentFor(c, departments, true) } } : null;
    case 'dispatched': {
      const dept = c.department!;
      // A department that is not the right one sends it back (once: re-dispatched cases go to the local government).
      if (u(2) < 0.05 && !dept.startsWith('gov-') && after(10 * MINUTE, 60 * MINUTE, 0)) {
        return { actor: handler(dept), command: { ...base, action: 'return', comment: '不属于本单位职责范围' } };
      }
      return after(5 * MINUTE, 100 * MINUTE) ? { actor: handler(dept), command: { ...base, action: 'acknowledge' } } : null;
    }
    case 'acknowledged':
      return after(MINUTE, 15 * MINUTE, 0) ? { actor: handler(c.department!), command: { ...base, action: 'start' } } : null;
    case 'in_progress': {
      const dept = c.department!;
      const urgent = c.urgency !== 'normal';
      // Extensions are refused once the deadline has passed, so the crew asks only before it.
      const inTime = c.sla !== null && !c.sla.paused && now <= c.sla.deadline;
      if (!urgent && inTime && c.pendingExtensionDays === null && u(2) < 0.03 && after(2 * HOUR, 6 * HOUR, 0)) {
        return { actor: handler(dept), command: { ...base, action: 'request_extension', workingDays: 3, comment: '需协调多部门，申请延期' } };
      }
      return after(urgent ? 30 * MINUTE : 2 * HOUR, urgent ? 3 * HOUR : 50 * HOUR, LATE_HANDLING)
        ? { actor: handler(dept), command: { ...base, action: 'feedback', comment: '已处置完毕' } }
        : null;
    }
    case 'extension_requested':
      if (!after(20 * MINUTE, 2 * HOUR, 0)) return null;
      // Once the deadline has passed an extension can no longer be approved, only refused.
      return c.sla !== null && !c.sla.paused && now > c.sla.deadline
        ? { actor: shift, command: { ...base, action: 'refuse_extension', comment: '已超过办理时限，不予延期' } }
        : { actor: shift, command: { ...base, action: 'approve_extension' } };
    case 'parking_requested':
      return after(HOUR, 4 * HOUR, 0) ? { actor: shift, command: { ...base, action: 'approve_parking' } } : null;
    case 'feedback':
      return after(10 * MINUTE, 60 * MINUTE, 0) ? { actor: officer, command: { ...base, action: 'start_check' } } : null;
    case 'checking':
      if (!after(30 * MINUTE, 4 * HOUR)) return null;
      return u(2) < 0.06
        ? { actor: officer, command: { ...base, action: 'check_fail', comment: '现场核查未处置到位，返工' } }
        : { actor: officer, command: { ...base, action: 'check_pass' } };
    case 'closed':
      // The 12345 return visit (回访), for the cases that get one.
      if (!needsReturnVisit(c) || c.rating !== null || !after(HOUR, 20 * HOUR)) return null;
      return { actor: officer, command: { ...base, action: 'evaluate', rating: ratingOf(u(2)) } };
    default:
      return null;
  }
}

/**
 * When the crew makes its move: `humanMs` after the last change, brought forward to within
 * 10–90 % of the running step's allowance, or, for the `lateShare` of steps finished late,
 * past the deadline by 5–100 % of the allowance. Without a running clock, the person's delay.
 */
function dueAt(c: CaseRecord, humanMs: number, lateShare: number, uLate: number, uSpread: number): number {
  const human = c.updatedAt + humanMs;
  const clock = c.sla;
  if (clock === null || clock.paused || clock.deadline <= c.updatedAt) return human;
  const allowance = clock.deadline - c.updatedAt;
  if (uLate < lateShare) return Math.max(human, clock.deadline + allowance * (0.05 + 0.95 * uSpread));
  return Math.min(human, c.updatedAt + allowance * (0.1 + 0.8 * uSpread));
}

function ratingOf(u: number): Rating {
  return u < 0.88 ? 'satisfied' : u < 0.96 ? 'basically_satisfied' : 'dissatisfied';
}

/** The bureau that handles the category, or the division's government. */
function departmentFor(c: CaseRecord, departments: readonly Department[], local: boolean): string {
  const government = departments.find((d) => d.kind === 'government' && d.division === c.division);
  if (!local) {
    const bureau = departments.find((d) => d.kind !== 'government' && d.categories.includes(c.category));
    if (bureau) return bureau.id;
  }
  return (government ?? departments[0]!).id;
}
