import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ACTOR_ROLES,
  CASE_ACTIONS,
  CASE_STATES,
  TERMINAL_CASE_STATES,
  actorSchema,
  caseCommandSchema,
  caseRecordSchema,
  caseTransitionSchema,
  newCaseSchema,
  type Actor,
  type ActorRole,
  type CaseAction,
  type CaseCommand,
  type CaseRecord,
  type CaseState,
  type CaseTransition,
  type SlaStep,
} from '@cw/contracts';
import { MINUTE_MS } from './calendar.ts';
import { WORKFLOW, allowedActions, applyCommand, applyMerge, openCase, rolesMayTake, workflowRow, type DispatchRules } from './workflow.ts';
import {
  actorFor,
  at,
  commandFor,
  deepFreeze,
  handler,
  newCase,
  officer,
  inspector,
  report,
  rules,
  shiftLeader,
} from './testing.ts';

const T0 = at('2026-12-07T09:00+08:00');
const TERMINAL: readonly string[] = TERMINAL_CASE_STATES;

/** One case in every state, reached from a fresh report through the table itself. */
function reachAllStates(): Map<CaseState, CaseRecord> {
  // A hotline case, so that closing on the call is open to it too.
  const start = newCase('c-1', T0, { channel: 'hotline_12345', requestType: 'inquiry' });
  const found = new Map<CaseState, CaseRecord>([[start.state, start]]);
  const queue = [start];
  for (let c = queue.shift(); c; c = queue.shift()) {
    for (const row of WORKFLOW.filter((r) => r.from.includes(c!.state))) {
      const actor = actorFor(rolesMayTake(row.action)[0]!, c);
      const r = applyCommand(c, commandFor(c, row.action), actor, c.updatedAt + 10 * MINUTE_MS, rules);
      if (r.ok && !found.has(r.case.state)) {
        found.set(r.case.state, r.case);
        queue.push(r.case);
      }
    }
  }
  return found;
}
const EXAMPLES = reachAllStates();

describe('the workflow table', () => {
  it('has exactly one row per action, and the command union covers the same actions', () => {
    expect(WORKFLOW.map((r) => r.action).sort()).toEqual([...CASE_ACTIONS].sort());
    expect(caseCommandSchema.options.map((o) => o.shape.action.value).sort()).toEqual([...CASE_ACTIONS].sort());
  });

  it('reaches every state from a fresh report', () => {
    expect([...EXAMPLES.keys()].sort()).toEqual([...CASE_STATES].sort());
  });

  it('leaves terminal states never and every other state somehow', () => {
    for (const state of CASE_STATES) {
      const exits = WORKFLOW.filter((r) => r.from.includes(state) && r.to !== 'unchanged');
      expect(exits.length === 0, state).toBe(TERMINAL.includes(state));
    }
  });
});

/**
 * The documented workflow (docs/dispatch.md, "The workflow table"), written out by hand so a
 * wrong WORKFLOW row or permission cannot pass: from-state → next state, and who may act.
 */
type Expected = { from: Partial<Record<CaseState, CaseState>>; roles: readonly ActorRole[] };
const BEFORE_CLOSE = {
  reported: 'reported',
  verifying: 'verifying',
  verified: 'verified',
  registered: 'registered',
  dispatched: 'dispatched',
  returned: 'returned',
  acknowledged: 'acknowledged',
  in_progress: 'in_progress',
  extension_requested: 'extension_requested',
  parking_requested: 'parking_requested',
  parked: 'parked',
  feedback: 'feedback',
  checking: 'checking',
} as const;
const CHASED = {
  dispatched: 'dispatched',
  acknowledged: 'acknowledged',
  in_progress: 'in_progress',
  extension_requested: 'extension_requested',
  parking_requested: 'parking_requested',
} as const;
const DOCUMENTED: Record<CaseAction, Expected> = {
  verify: { from: { reported: 'verifying' }, roles: ['duty_officer'] },
  report_verification: { from: { verifying: 'verified' }, roles: ['duty_officer', 'inspector'] },
  register: { from: { reported: 'registered', verifying: 'registered', verified: 'registered' }, roles: ['duty_officer', 'shift_leader'] },
  close_on_call: { from: { reported: 'closed', verifying: 'closed', verified: 'closed' }, roles: ['duty_officer'] },
  void: {
    from: { reported: 'voided', verifying: 'voided', verified: 'voided', registered: 'voided', returned: 'voided' },
    roles: ['duty_officer', 'shift_leader'],
  },
  merge: { from: BEFORE_CLOSE, roles: ['duty_officer', 'shift_leader'] },
  merge_into: { from: { reported: 'merged', verifying: 'merged', verified: 'merged', registered: 'merged' }, roles: ['duty_officer', 'shift_leader'] },
  dispatch: { from: { registered: 'dispatched' }, roles: ['duty_officer', 'shift_leader'] },
  re_dispatch: { from: { dispatched: 'dispatched', returned: 'dispatched' }, roles: ['duty_officer', 'shift_leader'] },
  acknowledge: { from: { dispatched: 'acknowledged' }, roles: ['department'] },
  return: { from: { dispatched: 'returned', acknowledged: 'returned' }, roles: ['department'] },
  start: { from: { acknowledged: 'in_progress' }, roles: ['department'] },
  request_extension: { from: { in_progress: 'extension_requested' }, roles: ['department'] },
  approve_extension: { from: { extension_requested: 'in_progress' }, roles: ['shift_leader', 'leader'] },
  refuse_extension: { from: { extension_requested: 'in_progress' }, roles: ['shift_leader', 'leader'] },
  request_parking: { from: { in_progress: 'parking_requested' }, roles: ['department'] },
  approve_parking: { from: { parking_requested: 'parked' }, roles: ['shift_leader', 'leader'] },
  refuse_parking: { from: { parking_requested: 'in_progress' }, roles: ['shift_leader', 'leader'] },
  unpark: { from: { parked: 'in_progress' }, roles: ['department', 'duty_officer'] },
  feedback: { from: { in_progress: 'feedback' }, roles: ['department'] },
  start_check: { from: { feedback: 'checking' }, roles: ['duty_officer'] },
  check_pass: { from: { checking: 'closed' }, roles: ['duty_officer', 'shift_leader', 'inspector'] },
  check_fail: { from: { checking: 'in_progress' }, roles: ['duty_officer', 'inspector'] },
  evaluate: { from: { closed: 'evaluated' }, roles: ['duty_officer', 'system'] },
  reopen: { from: { closed: 'registered', evaluated: 'registered' }, roles: ['duty_officer', 'shift_leader', 'leader', 'system'] },
  remind: { from: CHASED, roles: ['duty_officer', 'shift_leader', 'leader', 'system'] },
  supervise: { from: CHASED, roles: ['shift_leader', 'leader', 'system'] },
};

describe('the table against the documented workflow', () => {
  it.each(CASE_ACTIONS)('%s: the same from-states, next states and roles as docs/dispatch.md', (action) => {
    const row = workflowRow(action);
    const doc = DOCUMENTED[action];
    const next = (s: CaseState) => (row.from.includes(s) ? (row.to === 'unchanged' ? s : row.to) : 'refused');
    expect(Object.fromEntries(CASE_STATES.map((s) => [s, next(s)]))).toEqual(
      Object.fromEntries(CASE_STATES.map((s) => [s, doc.from[s] ?? 'refused'])),
    );
    expect([...rolesMayTake(action)].sort()).toEqual([...doc.roles].sort());
  });
});

describe.each(CASE_STATES)('in state %s', (state) => {
  it.each(CASE_ACTIONS)('%s is accepted or refused as documented, for every role', (action) => {
    const c = deepFreeze(structuredClone(EXAMPLES.get(state)!));
    const before = structuredClone(c);
    const doc = DOCUMENTED[action];
    const to = doc.from[state];
    const now = c.updatedAt + 5 * MINUTE_MS;
    for (const role of ACTOR_ROLES) {
      const actor = actorFor(role, c);
      const r = applyCommand(c, commandFor(c, action), actor, now, rules);
      if (to === undefined) {
        expect(r.ok ? 'accepted' : r.error.code, role).toBe('invalid_transition');
      } else if (!doc.roles.includes(role)) {
        expect(r.ok ? 'accepted' : r.error.code, role).toBe('forbidden_role');
      } else {
        if (!r.ok) throw new Error(`${action} by ${role} refused: ${r.error.message}`);
        expect(r.case.state).toBe(to);
        expect(r.case.version).toBe(c.version + 1);
        expect(r.case.updatedAt).toBe(now);
        expect(r.transition).toMatchObject({ seq: c.version + 1, caseId: c.id, action, from: state, to, actor, at: now });
        expect(caseRecordSchema.safeParse(r.case).success).toBe(true);
        expect(caseTransitionSchema.safeParse(r.transition).success).toBe(true);
      }
    }
    expect(c).toEqual(before);
  });
});

describe('openCase and the shared schemas', () => {
  it('opens a reported case at version 1 with the report as the first history entry', () => {
    const input = report({ channel: 'hotline_12345', requestType: 'help', reporter: { name: '王女士', phone: '138 0000 0000' } });
    const { case: c, transition } = openCase(input, 'o-1', officer, T0, rules);
    expect(c).toMatchObject({ ...input, id: 'o-1', state: 'reported', version: 1, reportedAt: T0, updatedAt: T0 });
    expect(c).toMatchObject({ department: null, mergedReportIds: [], supervised: false, reminders: 0 });
    // Acceptance (受理) within 30 working minutes: Monday 09:00 → 09:30.
    expect(c.sla).toEqual({
      step: 'accept',
      basis: 'working_time',
      startedAt: T0,
      budgetMs: 30 * MINUTE_MS,
      remindedAt: null,
      supervisedAt: null,
      paused: false,
      deadline: at('2026-12-07T09:30+08:00'),
    });
    expect(transition).toEqual({
      seq: 1,
      caseId: 'o-1',
      action: 'report',
      from: null,
      to: 'reported',
      actor: officer,
      at: T0,
      department: null,
      sla: null,
    });
    expect(caseRecordSchema.safeParse(c).success).toBe(true);
    expect(caseTransitionSchema.safeParse(transition).success).toBe(true);
  });

  it('ties request types to the hotline channel', () => {
    expect(newCaseSchema.safeParse(report({ channel: 'hotline_12345', requestType: 'inquiry' })).success).toBe(true);
    expect(newCaseSchema.safeParse(report({ channel: 'hotline_12345' })).success).toBe(false);
    expect(newCaseSchema.safeParse(report({ channel: 'iot_sensor', requestType: 'inquiry' })).success).toBe(false);
  });

  it('refuses malformed commands, actors and history entries', () => {
    const base = { caseId: 'c-1', expectedVersion: 3 };
    expect(caseCommandSchema.safeParse({ ...base, action: 'dispatch', department: 'dept-a' }).success).toBe(true);
    expect(caseCommandSchema.safeParse({ ...base, action: 'dispatch' }).success).toBe(false);
    expect(caseCommandSchema.safeParse({ ...base, action: 'close' }).success).toBe(false);
    expect(caseCommandSchema.safeParse({ ...base, action: 'request_extension', workingDays: 0 }).success).toBe(false);
    expect(caseCommandSchema.safeParse({ ...base, expectedVersion: 0, action: 'start' }).success).toBe(false);
    expect(actorSchema.safeParse({ userId: 'u', role: 'department' }).success).toBe(false);
    const opened = openCase(report(), 'o-2', officer, T0, rules).transition;
    expect(caseTransitionSchema.safeParse({ ...opened, action: 'verify' }).success).toBe(false);
  });
});

// ---- invariants under random command sequences ----------------------------------------

const ASSIGNED: readonly CaseState[] = [
  'dispatched',
  'acknowledged',
  'in_progress',
  'extension_requested',
  'parking_requested',
  'parked',
  'feedback',
  'checking',
  'closed',
  'evaluated',
];
const CLOCK_STEP: Partial<Record<CaseState, SlaStep>> = {
  reported: 'accept',
  verifying: 'verify',
  verified: 'register',
  registered: 'dispatch',
  returned: 'dispatch',
  dispatched: 'sign_for',
  acknowledged: 'handling',
  in_progress: 'handling',
  extension_requested: 'handling',
  parking_requested: 'handling',
  parked: 'handling',
  feedback: 'checking',
  checking: 'checking',
};

function expectConsistent(c: CaseRecord, closedOnCall: boolean) {
  // A case closed on the call was never assigned to a department.
  const assigned = ASSIGNED.includes(c.state) && !(closedOnCall && (c.state === 'closed' || c.state === 'evaluated'));
  expect(c.department !== null, `department in ${c.state}`).toBe(assigned);
  // A 12345 case closed after handling awaits its return visit; one closed on the call (with
  // no call-back asked for) does not.
  const step = c.state === 'closed' && !closedOnCall ? 'return_visit' : (CLOCK_STEP[c.state] ?? null);
  expect(c.sla?.step ?? null, `clock in ${c.state}`).toBe(step);
  expect(c.sla?.paused ?? false, `paused in ${c.state}`).toBe(c.state === 'parked');
  expect(c.pendingExtensionDays !== null).toBe(c.state === 'extension_requested');
  expect(c.closedAt !== null).toBe(c.state === 'closed' || c.state === 'evaluated');
  expect(c.rating !== null).toBe(c.state === 'evaluated');
  expect(c.mergedInto !== null).toBe(c.state === 'merged');
}

const rare = fc.integer({ min: 0, max: 9 }).map((n) => n === 0);
const stepArb = fc.record({
  fromTable: fc.integer({ min: 0, max: 9 }).map((n) => n < 8),
  /** Rows into a terminal state are only picked now and then, so that runs get deep. */
  mayEnd: fc.integer({ min: 0, max: 29 }).map((n) => n === 0),
  pick: fc.nat(),
  action: fc.constantFrom(...CASE_ACTIONS),
  role: fc.constantFrom(...ACTOR_ROLES),
  foreignDepartment: rare,
  noComment: rare,
  stale: rare,
  advanceMin: fc.integer({ min: 0, max: 3 * 24 * 60 }),
});

describe('random command sequences', () => {
  it('stay inside the table, keep the record consistent and the history a chain', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 150, size: 'max' }), (steps) => {
        const opened = openCase(report({ channel: 'hotline_12345', requestType: 'complaint' }), 'p-1', officer, T0, rules);
        let c = deepFreeze(opened.case);
        const history: CaseTransition[] = [deepFreeze(opened.transition)];
        let now = T0;
        for (const s of steps) {
          const rows = WORKFLOW.filter(
            (r) => r.from.includes(c.state) && (s.mayEnd || !TERMINAL.includes(r.to)),
          );
          const tableRow = s.fromTable && rows.length > 0 ? rows[s.pick % rows.length]! : undefined;
          const action = tableRow?.action ?? s.action;
          const role = tableRow ? rolesMayTake(tableRow.action)[Math.floor(s.pick / 7) % rolesMayTake(tableRow.action).length]! : s.role;
          const { comment, ...bare } = commandFor(c, action);
          const command = {
            ...(s.noComment ? bare : { ...bare, comment }),
            expectedVersion: s.stale ? c.version + 1 : c.version,
          };
          const actor: Actor = s.foreignDepartment && role === 'department' ? handler('dept-z') : actorFor(role, c);
          now += s.advanceMin * MINUTE_MS;

          const row = workflowRow(action);
          const r = applyCommand(c, command, actor, now, rules);
          if (r.ok) {
            expect(row.from).toContain(c.state);
            expect(rolesMayTake(row.action)).toContain(actor.role);
            expect(s.stale).toBe(false);
            if (actor.role === 'department') expect(actor.department).toBe(c.department);
            if (row.requiresReason) expect(r.transition.comment).toBe(comment);
            const to = row.to === 'unchanged' ? c.state : row.to;
            expect(r.case.state).toBe(to);
            expect(r.case.version).toBe(c.version + 1);
            expect(r.transition).toMatchObject({ seq: r.case.version, from: c.state, to, action, at: now });
            expect(caseRecordSchema.safeParse(r.case).success).toBe(true);
            expect(caseTransitionSchema.safeParse(r.transition).success).toBe(true);
            history.push(deepFreeze(r.transition));
            const closing = history.findLast((t) => t.to === 'closed');
            expectConsistent(r.case, closing?.action === 'close_on_call');
            c = deepFreeze(r.case);
          } else {
            const expected = s.stale
              ? 'version_conflict'
              : !row.from.includes(c.state)
                ? 'invalid_transition'
                : !rolesMayTake(row.action).includes(actor.role)
                  ? 'forbidden_role'
                  : actor.role === 'department' && actor.department !== c.department
                    ? 'wrong_department'
                    : row.requiresReason && s.noComment
                      ? 'reason_required'
                      : (action === 'request_extension' || action === 'approve_extension') && c.sla && !c.sla.paused && now > c.sla.deadline
                        ? 'deadline_passed'
                        : 'invalid_command';
            expect(r.error.code).toBe(expected);
            // The only well-formed command commandFor builds that the case itself rejects.
            if (expected === 'invalid_command') {
              expect([action, c.mergedReportIds.length > 0]).toEqual(['merge_into', true]);
            }
          }
        }
        history.forEach((t, i) => {
          expect(t.seq).toBe(i + 1);
          if (i > 0) {
            expect(t.from).toBe(history[i - 1]!.to);
            expect(t.at).toBeGreaterThanOrEqual(history[i - 1]!.at);
          }
        });
        expect(history.at(-1)!.to).toBe(c.state);
        expect(c.version).toBe(history.length);
      }),
      { numRuns: 300 },
    );
    // Pure and CPU-bound: about 8 s on an idle core, over a minute on a loaded CI machine.
  }, 180_000);
});

// ---- guards ---------------------------------------------------------------------------

function dispatchedTo(department: string): CaseRecord {
  let c = newCase('g-1', T0);
  for (const command of [
    { action: 'register', caseId: c.id, expectedVersion: 1 },
    { action: 'dispatch', caseId: c.id, expectedVersion: 2, department },
  ] as const) {
    const r = applyCommand(c, command, officer, T0 + MINUTE_MS, rules);
    if (!r.ok) throw new Error(r.error.message);
    c = r.case;
  }
  return deepFreeze(c);
}

const T2 = T0 + 2 * MINUTE_MS;
const T30 = T0 + 30 * MINUTE_MS;

describe('who registers and closes, as the city profile sets it (dispatchRoles)', () => {
  // A city where only the shift leader registers (立案) and closes (结案).
  const cityRules: DispatchRules = { ...rules, caseRoles: { register: ['shift_leader'], check_pass: ['shift_leader'] } };
  const reported = newCase('r-1', T0);

  it('refuses the duty officer and accepts the shift leader', () => {
    const register = { action: 'register', caseId: 'r-1', expectedVersion: 1 } as const;
    const byOfficer = applyCommand(reported, register, officer, T0 + MINUTE_MS, cityRules);
    expect(byOfficer.ok ? 'accepted' : byOfficer.error).toEqual({
      code: 'forbidden_role',
      message: 'Role "duty_officer" may not take action "register" (allowed: shift_leader).',
    });
    expect(applyCommand(reported, register, shiftLeader, T0 + MINUTE_MS, cityRules).ok).toBe(true);
    // Without the city's setting, the permission table's roles apply.
    expect(applyCommand(reported, register, officer, T0 + MINUTE_MS, rules).ok).toBe(true);
  });

  it('shows each role the buttons the city gives it, and changes nothing else', () => {
    expect(allowedActions(reported, officer, cityRules.caseRoles)).not.toContain('register');
    expect(allowedActions(reported, shiftLeader, cityRules.caseRoles)).toContain('register');
    expect(rolesMayTake('check_pass', cityRules.caseRoles)).toEqual(['shift_leader']);
    expect(rolesMayTake('dispatch', cityRules.caseRoles)).toEqual(rolesMayTake('dispatch'));
  });
});

describe('the field inspector (监督员)', () => {
  it('records the photo and the place it brings back from the site, and a city may keep closure from it', () => {
    const verifying = { ...newCase('f-1', T0), state: 'verifying' as const, version: 2 };
    const evidence = { photoId: 'a'.repeat(32), location: [111.4677, 27.2389] as [number, number], locationSource: 'device' as const, accuracyM: 12 };
    const r = applyCommand(verifying, { action: 'report_verification', caseId: 'f-1', expectedVersion: 2, comment: '现场属实', evidence }, inspector, T0 + MINUTE_MS, rules);
    expect(r.ok && r.transition.details).toEqual({ evidence });
    expect(r.ok && r.transition.actor.role).toBe('inspector');
    // Where only the shift leader closes, the inspector's check can fail a result but not pass it.
    const checking = { ...verifying, state: 'checking' as const };
    const onlyShift: DispatchRules = { ...rules, caseRoles: { check_pass: ['shift_leader'] } };
    const pass = applyCommand(checking, { action: 'check_pass', caseId: 'f-1', expectedVersion: 2 }, inspector, T0 + MINUTE_MS, onlyShift);
    expect(pass.ok ? 'accepted' : pass.error.code).toBe('forbidden_role');
    expect(applyCommand(checking, { action: 'check_fail', caseId: 'f-1', expectedVersion: 2, comment: '仍有垃圾' }, inspector, T0 + MINUTE_MS, onlyShift).ok).toBe(true);
  });
});

describe('sub-categories (小类) at registration', () => {
  const tree = [
    { id: 'dirty_road', category: 'city_appearance', name: { zh: '道路不洁', en: 'Dirty road' }, handling: { amount: 5, unit: 'working_hours' }, closure: { zh: '清扫干净', en: 'Swept' } },
    { id: 'illegal_construction', category: 'construction', name: { zh: '违法搭建', en: 'Illegal construction' }, handling: { amount: 15, unit: 'working_days' }, closure: { zh: '拆除', en: 'Removed' } },
  ] as const;
  const cityRules = { ...rules, subCategories: tree };
  const reported = newCase('sc-1', T0, { category: 'city_appearance', subCategory: 'dirty_road' });
  const register = (extra: Record<string, string>) =>
    applyCommand(reported, { action: 'register', caseId: 'sc-1', expectedVersion: 1, ...extra } as CaseCommand, officer, T0 + MINUTE_MS, cityRules);

  it('keeps the reported sub-category, and records a new one', () => {
    const kept = register({});
    expect(kept.ok && kept.case.subCategory).toBe('dirty_road');
    const moved = register({ category: 'construction', subCategory: 'illegal_construction' });
    expect(moved.ok && [moved.case.category, moved.case.subCategory, moved.transition.details]).toEqual([
      'construction',
      'illegal_construction',
      { category: 'construction', subCategory: 'illegal_construction' },
    ]);
  });

  it('drops the sub-category when the category changes without a new one', () => {
    const r = register({ category: 'street_order' });
    expect(r.ok && [r.case.category, r.case.subCategory]).toEqual(['street_order', undefined]);
  });

  it('refuses an unknown sub-category or one of another category, and changes nothing', () => {
    const before = structuredClone(reported);
    expect(register({ subCategory: 'potholes' })).toEqual({
      ok: false,
      error: { code: 'invalid_command', message: 'Unknown sub-category "potholes" (the city profile\'s caseCategories lists the valid ones).' },
    });
    expect(register({ subCategory: 'illegal_construction' })).toEqual({
      ok: false,
      error: { code: 'invalid_command', message: 'Sub-category "illegal_construction" belongs to category construction, not city_appearance.' },
    });
    expect(reported).toEqual(before);
  });
});

describe('guards', () => {
  it('refuses a command based on a stale version, and a replay of an accepted one', () => {
    const c = dispatchedTo('dept-water');
    expect(c.version).toBe(3);
    const ack = { action: 'acknowledge', caseId: c.id, expectedVersion: 3 } as const;
    const stale = applyCommand(c, { ...ack, expectedVersion: 2 }, handler('dept-water'), T2, rules);
    expect(stale).toEqual({
      ok: false,
      error: {
        code: 'version_conflict',
        message: 'Case g-1 is at version 3, not 2: it changed meanwhile; reload it and retry.',
      },
    });
    const first = applyCommand(c, ack, handler('dept-water'), T2, rules);
    expect(first.ok && first.case.version).toBe(4);
    const replay = applyCommand(first.ok ? first.case : c, ack, handler('dept-water'), T0 + 3 * MINUTE_MS, rules);
    expect(replay.ok ? 'accepted' : replay.error.code).toBe('version_conflict');
  });

  it('lets a department act only on cases assigned to it', () => {
    const c = dispatchedTo('dept-water');
    const ack = { action: 'acknowledge', caseId: c.id, expectedVersion: c.version } as const;
    const other = applyCommand(c, ack, handler('dept-parks'), T2, rules);
    expect(other.ok ? 'accepted' : other.error).toEqual({
      code: 'wrong_department',
      message: "Case g-1 is assigned to dept-water, not to the actor's department dept-parks.",
    });
    const anonymous = applyCommand(c, ack, { userId: 'u-x', role: 'department' }, T2, rules);
    expect(anonymous.ok ? 'accepted' : anonymous.error.code).toBe('wrong_department');
    const own = applyCommand(c, ack, handler('dept-water'), T2, rules);
    expect(own.ok && own.case.state).toBe('acknowledged');
    expect(allowedActions(c, handler('dept-water'))).toEqual(['acknowledge', 'return']);
    expect(allowedActions(c, handler('dept-parks'))).toEqual([]);
    expect(allowedActions(c, officer)).toEqual(['merge', 're_dispatch', 'remind']);
  });

  it('requires a non-blank reason to return a case, and records it', () => {
    const c = dispatchedTo('dept-water');
    const ret = { action: 'return', caseId: c.id, expectedVersion: c.version } as const;
    const dept = handler('dept-water');
    for (const command of [ret, { ...ret, comment: '  \n ' }]) {
      const r = applyCommand(c, command, dept, T2, rules);
      expect(r.ok ? 'accepted' : r.error).toEqual({
        code: 'reason_required',
        message: 'Action "return" requires a reason in the comment.',
      });
    }
    const reason = ' 不属于本单位职责: road belongs to the highway bureau ';
    const r = applyCommand(c, { ...ret, comment: reason }, dept, T2, rules);
    if (!r.ok) throw new Error(r.error.message);
    // The centre has 30 working minutes to send it on: 09:02 → 09:32.
    expect(r.case).toMatchObject({ state: 'returned', department: null, sla: { step: 'dispatch', startedAt: T2, deadline: at('2026-12-07T09:32+08:00') } });
    expect(r.transition).toMatchObject({
      action: 'return',
      from: 'dispatched',
      to: 'returned',
      department: 'dept-water',
      comment: '不属于本单位职责: road belongs to the highway bureau',
      actor: dept,
    });
  });

  it('names the allowed states and roles when refusing', () => {
    const c = dispatchedTo('dept-water');
    const target = { caseId: c.id, expectedVersion: c.version };
    const wrongState = applyCommand(c, { ...target, action: 'dispatch', department: 'd' }, officer, T2, rules);
    expect(wrongState.ok ? '' : wrongState.error.message).toBe(
      'Action "dispatch" is not allowed in state "dispatched" (allowed in: registered).',
    );
    const wrongRole = applyCommand(c, { ...target, action: 'acknowledge' }, officer, T2, rules);
    expect(wrongRole.ok ? '' : wrongRole.error.message).toBe(
      'Role "duty_officer" may not take action "acknowledge" (allowed: department).',
    );
  });

  it('refuses commands for another case and commands dated before the last change', () => {
    const c = dispatchedTo('dept-water');
    const ack = { action: 'acknowledge', caseId: c.id, expectedVersion: c.version } as const;
    const mismatch = applyCommand(c, { ...ack, caseId: 'g-2' }, handler('dept-water'), T2, rules);
    expect(mismatch.ok ? '' : mismatch.error.code).toBe('case_mismatch');
    const early = applyCommand(c, ack, handler('dept-water'), c.updatedAt - 1, rules);
    expect(early.ok ? '' : early.error.code).toBe('invalid_time');
  });

  it('re-dispatches only to another department', () => {
    const c = dispatchedTo('dept-water');
    const reDispatch = { action: 're_dispatch', caseId: c.id, expectedVersion: c.version } as const;
    const same = applyCommand(c, { ...reDispatch, department: 'dept-water' }, officer, T2, rules);
    expect(same.ok ? '' : same.error.code).toBe('invalid_command');
    const other = applyCommand(c, { ...reDispatch, department: 'dept-roads' }, shiftLeader, T2, rules);
    expect(other.ok && other.case.department).toBe('dept-roads');
    expect(other.ok && other.transition.details).toEqual({ department: 'dept-roads' });
  });

  it('reclassifies at registration, and keeps request types to hotline cases', () => {
    const c = deepFreeze(newCase('r-1', T0));
    const reg = { action: 'register', caseId: c.id, expectedVersion: 1 } as const;
    const r = applyCommand(c, { ...reg, category: 'street_order', urgency: 'urgent' }, officer, T0, rules);
    expect(r.ok && r.case).toMatchObject({ state: 'registered', category: 'street_order', urgency: 'urgent' });
    expect(r.ok && r.transition.details).toEqual({ category: 'street_order', urgency: 'urgent' });
    const typed = applyCommand(c, { ...reg, requestType: 'complaint' }, officer, T0, rules);
    expect(typed.ok ? '' : typed.error.code).toBe('invalid_command');
  });

  it('closes a hotline case on the call with its answer, and it still gets its return visit', () => {
    const c = deepFreeze(newCase('h-1', T0, { channel: 'hotline_12345', requestType: 'inquiry' }));
    const close = { action: 'close_on_call', caseId: c.id, expectedVersion: 1, answer: ' 社保卡补办请到市民中心二楼 ' } as const;
    const r = applyCommand(c, close, officer, T2, rules);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.case).toMatchObject({ state: 'closed', closedAt: T2, department: null, sla: null, version: 2 });
    expect(r.transition).toMatchObject({ action: 'close_on_call', from: 'reported', to: 'closed', details: { answer: '社保卡补办请到市民中心二楼' } });
    expect(allowedActions(r.case, officer)).toEqual(['evaluate', 'reopen']);
    const visit = applyCommand(r.case, { action: 'evaluate', caseId: c.id, expectedVersion: 2, rating: 'satisfied' }, officer, T30, rules);
    expect(visit.ok && visit.case).toMatchObject({ state: 'evaluated', rating: 'satisfied', closedAt: T2 });
  });

  it('refuses to close on the call without an answer, or a case that did not come by phone', () => {
    const hotline = deepFreeze(newCase('h-2', T0, { channel: 'hotline_12345', requestType: 'help' }));
    const close = { action: 'close_on_call', caseId: 'h-2', expectedVersion: 1, answer: ' \n ' } as const;
    const blank = applyCommand(hotline, close, officer, T2, rules);
    expect(blank.ok ? 'accepted' : blank.error).toEqual({
      code: 'invalid_command',
      message: 'Closing case h-2 on the call needs the answer given to the caller.',
    });
    expect(caseCommandSchema.safeParse(close).success).toBe(false);
    expect(caseCommandSchema.safeParse({ ...close, answer: 'x'.repeat(2001) }).success).toBe(false);
    const { answer: _, ...noAnswer } = close;
    expect(caseCommandSchema.safeParse(noAnswer).success).toBe(false);
    const grid = deepFreeze(newCase('h-3', T0));
    const fromGrid = applyCommand(grid, { ...close, caseId: 'h-3', answer: '已答复' }, officer, T2, rules);
    expect(fromGrid.ok ? 'accepted' : fromGrid.error).toEqual({
      code: 'invalid_command',
      message: 'Only 12345 hotline cases can be closed on the call; case h-3 came from grid_inspector.',
    });
  });

  it('sends a failed check back to the same department as rework', () => {
    let c: CaseRecord = dispatchedTo('dept-water');
    const dept = handler('dept-water');
    const steps = [
      ['acknowledge', dept],
      ['start', dept],
      ['feedback', dept],
      ['start_check', officer],
      ['check_fail', officer],
    ] as const;
    for (const [action, actor] of steps) {
      const command = { action, caseId: c.id, expectedVersion: c.version, comment: 'bin still full' };
      const r = applyCommand(c, command, actor, T0 + 10 * MINUTE_MS, rules);
      if (!r.ok) throw new Error(r.error.message);
      c = r.case;
    }
    expect(c).toMatchObject({ state: 'in_progress', department: 'dept-water', sla: { step: 'handling' } });
  });
});

describe('applyMerge', () => {
  const primary = deepFreeze(newCase('m-1', T0, { channel: 'hotline_12345', requestType: 'complaint' }));
  const duplicate = deepFreeze(newCase('m-2', T0 + 20 * MINUTE_MS));
  const merge = {
    action: 'merge',
    caseId: 'm-1',
    expectedVersion: 1,
    duplicateId: 'm-2',
    duplicateExpectedVersion: 1,
  } as const;

  it('attaches the duplicate to the primary and closes the duplicate as merged, together', () => {
    const r = applyMerge(primary, duplicate, merge, officer, T30, rules);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.primary).toMatchObject({ state: 'reported', version: 2, mergedReportIds: ['m-2'] });
    expect(r.duplicate).toMatchObject({ state: 'merged', version: 2, mergedInto: 'm-1' });
    expect(r.transitions.map((t) => [t.caseId, t.action, t.from, t.to])).toEqual([
      ['m-1', 'merge', 'reported', 'reported'],
      ['m-2', 'merge_into', 'reported', 'merged'],
    ]);
  });

  it('refuses as a whole when either side refuses (the frozen inputs show nothing was touched)', () => {
    const staleDuplicate = applyMerge(primary, duplicate, { ...merge, duplicateExpectedVersion: 3 }, officer, T30, rules);
    expect(staleDuplicate.ok ? '' : staleDuplicate.error.code).toBe('version_conflict');
    const stalePrimary = applyMerge(primary, duplicate, { ...merge, expectedVersion: 3 }, officer, T30, rules);
    expect(stalePrimary.ok ? '' : stalePrimary.error.code).toBe('version_conflict');
    const dispatched = dispatchedTo('dept-water');
    const lateMerge = { ...merge, duplicateId: 'g-1', duplicateExpectedVersion: 3 };
    const late = applyMerge(primary, dispatched, lateMerge, officer, T30, rules);
    expect(late.ok ? '' : late.error.message).toBe(
      'Duplicate case: Action "merge_into" is not allowed in state "dispatched" ' +
        '(allowed in: reported, verifying, verified, registered).',
    );
    const wrongCase = applyMerge(primary, duplicate, { ...merge, duplicateId: 'm-9' }, officer, T30, rules);
    expect(wrongCase.ok ? '' : wrongCase.error.code).toBe('case_mismatch');
  });
});
