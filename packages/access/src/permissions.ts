import { CASE_ACTIONS, EMERGENCY_ACTIONS, type CaseAction, type CaseRoleOverrides, type EmergencyAction, type Role } from '@cw/contracts';

/**
 * THE permission table: for every action, the roles that may perform it. HTTP routes,
 * socket subscriptions, the case workflow and the UI's controls all ask `can()`; nothing
 * else decides. Scoping by department (a handler acts only on cases sent to their
 * department) is applied on top, by `canSubscribe` and by the workflow.
 */
const CENTRE: readonly Role[] = ['duty_officer', 'shift_leader'];
const EVERY_PERSON: readonly Role[] = ['leader', 'shift_leader', 'duty_officer', 'inspector', 'department', 'admin'];
const WATCHERS: readonly Role[] = ['wall', 'leader', 'shift_leader', 'duty_officer', 'admin'];

/** Roles allowed per case workflow action (case.<action>). */
const CASE_ACTION_ROLES: Record<CaseAction, readonly Role[]> = {
  verify: ['duty_officer'],
  // The field inspector (监督员) verifies on site (核实) and checks results (核查); the duty
  // officer keeps these for reports verified by phone and for centres without inspectors.
  report_verification: ['duty_officer', 'inspector'],
  // 立案 and 结案 are the shift leader's in 数字城管 practice; duty officers keep them for small centres.
  register: CENTRE,
  close_on_call: ['duty_officer'],
  void: CENTRE,
  merge: CENTRE,
  merge_into: CENTRE,
  dispatch: CENTRE,
  re_dispatch: CENTRE,
  acknowledge: ['department'],
  return: ['department'],
  start: ['department'],
  request_extension: ['department'],
  approve_extension: ['shift_leader', 'leader'],
  refuse_extension: ['shift_leader', 'leader'],
  request_parking: ['department'],
  approve_parking: ['shift_leader', 'leader'],
  refuse_parking: ['shift_leader', 'leader'],
  unpark: ['department', 'duty_officer'],
  feedback: ['department'],
  start_check: ['duty_officer'],
  check_pass: [...CENTRE, 'inspector'],
  check_fail: ['duty_officer', 'inspector'],
  evaluate: ['duty_officer'],
  reopen: ['duty_officer', 'shift_leader', 'leader'],
  remind: ['duty_officer', 'shift_leader', 'leader'],
  supervise: ['shift_leader', 'leader'],
};

/**
 * Roles allowed per emergency command (emergency.<action>). Declaring, changing the level and
 * standing down need command authority; the duty desk runs the plan; departments report
 * their own status and acknowledge instructions (scoped to their own department by the
 * emergency service); leaders instruct. Which status allows what is @cw/emergency's table.
 */
const COMMAND: readonly Role[] = ['shift_leader', 'leader'];
const EMERGENCY_ACTION_ROLES: Record<EmergencyAction, readonly Role[]> = {
  change_level: COMMAND,
  stand_down: COMMAND,
  update_casualties: CENTRE,
  set_area: CENTRE,
  set_department_status: ['department'],
  check_item: CENTRE,
  notify_department: CENTRE,
  instruct: ['leader'],
  acknowledge_instruction: ['department'],
  draft_report: CENTRE,
  send_report: CENTRE,
  record_phone_report: CENTRE,
  add_note: [...CENTRE, 'leader'],
};

export const PERMISSIONS = {
  // Seeing the city.
  'vitals.read': WATCHERS,
  'history.read': WATCHERS,
  'feed.read': WATCHERS,
  'alerts.read': WATCHERS,
  'system.read': [...WATCHERS, 'department', 'inspector'],
  'profile.read': [...WATCHERS, 'department', 'inspector'],
  // Acting on what the wall shows.
  'alerts.acknowledge': ['leader', 'shift_leader', 'duty_officer'],
  'system.set_mode': ['leader', 'shift_leader'],
  // Opening a case from an alert (linked to it): those who may both report a case and act on
  // alerts. Declaring an emergency from one: command authority, as declaring at all.
  'alerts.open_case': CENTRE,
  'alerts.open_emergency': COMMAND,
  // Cases: the wall sees them without personal data; departments only their own.
  // The field inspector goes wherever a report needs checking, so reads every case; like the
  // department, it reads what to look at (the description) but not who called.
  'cases.read_all': [...WATCHERS, 'inspector'],
  'cases.read_field': ['inspector'],
  // Field photos (核实, 核查): uploaded by whoever may report what was found.
  'cases.upload_photo': ['inspector', 'duty_officer'],
  'cases.read_personal': ['leader', 'shift_leader', 'duty_officer'],
  'cases.read_department': ['department'],
  'cases.report': ['duty_officer', 'shift_leader', 'source'],
  'cases.instruct': ['leader'],
  // The monthly assessment (月度考核) ranks departments against each other: the centre and
  // leaders read it, not a department (it would see its peers) nor the wall.
  'cases.assessment': ['leader', 'shift_leader', 'duty_officer'],
  ...(Object.fromEntries(CASE_ACTIONS.map((a) => [`case.${a}`, CASE_ACTION_ROLES[a]])) as Record<`case.${CaseAction}`, readonly Role[]>),
  // Emergencies (应急联动): every screen sees them, departments included.
  'emergencies.read': [...WATCHERS, 'department'],
  'emergency.declare': COMMAND,
  ...(Object.fromEntries(EMERGENCY_ACTIONS.map((a) => [`emergency.${a}`, EMERGENCY_ACTION_ROLES[a]])) as Record<`emergency.${EmergencyAction}`, readonly Role[]>),
  // The daily briefing (城市运行日报): what leaders decide on and what the duty desk hands
  // over with. It names departments' backlogs, so not the wall nor a single department; the
  // shift leader, who answers for the duty day's record, may compile a day again.
  'briefings.read': ['leader', 'shift_leader', 'duty_officer'],
  'briefings.compile': ['shift_leader'],
  // Data in.
  'events.ingest': ['source', 'admin'],
  // Data out: an NGSI-LD subscription sends the city's figures and alerts to another system
  // and names its endpoint and the headers sent there (a receiver's key), so it is set up
  // by an administrator, like a data source's key.
  'ngsi.subscriptions': ['admin'],
  // Administration.
  'users.manage': ['admin'],
  'departments.manage': ['admin'],
  'displays.manage': ['admin'],
  'sources.manage': ['admin'],
  'thresholds.manage': ['admin'],
  'audit.read': ['admin'],
  /** The browsable API documentation (the OpenAPI document itself is open to any sign-in). */
  'api.docs': ['admin'],
  // A backup holds every password hash and callers' personal data.
  'store.backup': ['admin'],
  // Every signed-in person.
  'self.read': EVERY_PERSON,
  'self.change_password': EVERY_PERSON,
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export function can(role: Role | null | undefined, action: Action): boolean {
  return role != null && (PERMISSIONS[action] as readonly Role[]).includes(role);
}

/** The server acts alone to chase (催办, 督办), to record an SMS rating, and to redo (重办) a case its caller was dissatisfied with. */
const SYSTEM_CASE_ACTIONS: readonly CaseAction[] = ['remind', 'supervise', 'evaluate', 'reopen'];

/**
 * The roles that may take a case action in a city: the permission table's, or the city
 * profile's for the actions it may set (`dispatchRoles`: register, check_pass).
 */
export function caseRoles(action: CaseAction, overrides?: CaseRoleOverrides): readonly Role[] {
  const own = action === 'register' || action === 'check_pass' ? overrides?.[action] : undefined;
  return own ?? CASE_ACTION_ROLES[action];
}

export function canTakeCase(role: Role | null | undefined, action: CaseAction, overrides?: CaseRoleOverrides): boolean {
  return role != null && caseRoles(action, overrides).includes(role);
}

export function systemMay(action: CaseAction): boolean {
  return SYSTEM_CASE_ACTIONS.includes(action);
}

/** The table as data: which roles may perform an action. */
export function rolesFor(action: Action): readonly Role[] {
  return PERMISSIONS[action];
}
