import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, CASE_STATES, ROLES, caseCommandSchema, type CaseAction } from '@cw/contracts';
import { WORKFLOW } from '@cw/dispatch';
import { can } from '@cw/access';
import { ACTION_ORDER, actionFields, buildCommand, formProblems, needsForm, shortcutActions } from './actions.ts';

const target = { id: 'C20261127-0001', version: 4 };

describe('shortcutActions', () => {
  it('orders every action exactly once', () => {
    expect([...ACTION_ORDER].sort()).toEqual([...CASE_ACTIONS].sort());
  });

  it('puts the next step forward on key 1', () => {
    expect(shortcutActions(['void', 'merge', 'register', 'verify'], 'duty_officer')).toEqual([
      { action: 'register', key: '1' },
      { action: 'verify', key: '2' },
      { action: 'merge', key: '3' },
      { action: 'void', key: '4' },
    ]);
    expect(shortcutActions(['return', 'acknowledge'], 'department')[0]).toEqual({ action: 'acknowledge', key: '1' });
    expect(shortcutActions(['check_fail', 'check_pass', 'merge'], 'duty_officer')[0]!.action).toBe('check_pass');
  });

  it('follows the city profile on who registers', () => {
    const onlyShift = { register: ['shift_leader' as const] };
    expect(shortcutActions(['register', 'verify'], 'duty_officer', onlyShift)).toEqual([{ action: 'verify', key: '1' }]);
    expect(shortcutActions(['register'], 'shift_leader', onlyShift)).toEqual([{ action: 'register', key: '1' }]);
  });

  it('hides what the permission table does not give the role, whatever the list says', () => {
    expect(shortcutActions(['dispatch', 'acknowledge'], 'department')).toEqual([{ action: 'acknowledge', key: '1' }]);
    expect(shortcutActions(['supervise', 'remind'], 'wall')).toEqual([]);
    expect(shortcutActions(['approve_extension'], 'duty_officer')).toEqual([]);
  });

  it('gives distinct keys 1–9 to whatever a role may do in any one state', () => {
    for (const role of ROLES) {
      for (const state of CASE_STATES) {
        const allowed = WORKFLOW.filter((r) => r.from.includes(state) && can(role, `case.${r.action}`)).map((r) => r.action);
        const keys = shortcutActions(allowed, role).map((s) => s.key);
        expect(keys).toEqual(allowed.map((_, i) => String(i + 1)));
      }
    }
  });
});

describe('actionFields', () => {
  it('asks for a reason exactly where the workflow requires one', () => {
    for (const row of WORKFLOW) expect(actionFields(row.action).comment === 'required').toBe(row.requiresReason);
  });

  it('asks dispatches for a department, extensions for days, evaluations for a rating, merges for the other case', () => {
    expect(actionFields('dispatch').department).toBe(true);
    expect(actionFields('re_dispatch').department).toBe(true);
    expect(actionFields('request_extension')).toMatchObject({ workingDays: true, comment: 'required' });
    expect(actionFields('evaluate')).toMatchObject({ rating: true, comment: 'optional' });
    expect(actionFields('merge').other).toBe('duplicate');
    expect(actionFields('merge_into').other).toBe('primary');
    expect(actionFields('register').classification).toBe(true);
    expect(actionFields('close_on_call')).toMatchObject({ answer: true, comment: 'optional' });
  });

  it('takes plain steps at once and opens a form for the rest', () => {
    const immediate = CASE_ACTIONS.filter((a) => !needsForm(actionFields(a)));
    expect(immediate.sort()).toEqual(['acknowledge', 'approve_extension', 'approve_parking', 'check_pass', 'remind', 'start', 'start_check', 'unpark', 'verify']);
    expect(needsForm(actionFields('feedback'))).toBe(true);
  });
});

describe('formProblems', () => {
  it('names what is missing', () => {
    expect(formProblems('dispatch', {})).toEqual(['department']);
    expect(formProblems('return', { comment: '   ' })).toEqual(['comment']);
    expect(formProblems('request_extension', { workingDays: 0, comment: 'waiting for parts' })).toEqual(['workingDays']);
    expect(formProblems('request_extension', { workingDays: 31, comment: 'x' })).toEqual(['workingDays']);
    expect(formProblems('request_extension', { workingDays: 2.5, comment: 'x' })).toEqual(['workingDays']);
    expect(formProblems('evaluate', {})).toEqual(['rating']);
    expect(formProblems('merge', {})).toEqual(['other']);
    expect(formProblems('close_on_call', { answer: ' \n ' })).toEqual(['answer']);
  });

  it('accepts complete forms', () => {
    expect(formProblems('dispatch', { department: 'cgj' })).toEqual([]);
    expect(formProblems('request_extension', { workingDays: 3, comment: 'waiting for parts' })).toEqual([]);
    expect(formProblems('feedback', {})).toEqual([]);
  });
});

describe('buildCommand', () => {
  const valid = (action: CaseAction, values: Parameters<typeof buildCommand>[2]) => {
    const cmd = buildCommand(action, target, values);
    expect(caseCommandSchema.safeParse(cmd).success, JSON.stringify(cmd)).toBe(true);
    return cmd;
  };

  it('builds a valid command for every action from complete values', () => {
    const values = { department: 'cgj', workingDays: 3, rating: 'satisfied' as const, answer: '已答复', other: { id: 'C20261127-0002', version: 1 }, comment: 'reason' };
    for (const a of CASE_ACTIONS) expect(valid(a, values)).toMatchObject({ action: a, caseId: target.id, expectedVersion: 4 });
  });

  it('carries the fields each action needs', () => {
    expect(valid('dispatch', { department: 'cgj' })).toEqual({ caseId: target.id, expectedVersion: 4, action: 'dispatch', department: 'cgj' });
    expect(valid('merge', { other: { id: 'C2', version: 7 } })).toMatchObject({ duplicateId: 'C2', duplicateExpectedVersion: 7 });
    expect(valid('merge_into', { other: { id: 'C3', version: 2 } })).toMatchObject({ primaryId: 'C3' });
    expect(valid('request_extension', { workingDays: 5, comment: ' parts ' })).toMatchObject({ workingDays: 5, comment: 'parts' });
    expect(valid('close_on_call', { answer: ' 请携带身份证到市民中心 ' })).toEqual({ caseId: target.id, expectedVersion: 4, action: 'close_on_call', answer: '请携带身份证到市民中心' });
    expect(valid('register', { urgency: 'urgent' })).toEqual({ caseId: target.id, expectedVersion: 4, action: 'register', urgency: 'urgent' });
    expect(valid('register', { category: 'city_appearance', subCategory: 'dirty_road' })).toEqual({
      caseId: target.id,
      expectedVersion: 4,
      action: 'register',
      category: 'city_appearance',
      subCategory: 'dirty_road',
    });
  });

  it('leaves out a blank comment', () => {
    expect(valid('feedback', { comment: '  ' })).toEqual({ caseId: target.id, expectedVersion: 4, action: 'feedback' });
  });
});
