import type {
  ActorRole,
  CaseState,
  Category,
  Channel,
  Localized,
  Rating,
  RequestType,
  SlaLight,
  SlaStep,
  TransitionAction,
  Urgency,
} from '@cw/contracts';

/**
 * What the screens and the server's documents call each value of the dispatch enumerations
 * (packages/contracts/src/cases.ts), in Chinese and English: one table per enumeration, so a
 * case state reads the same on the console, the wall and a PDF report.
 */

export const CASE_STATE_LABELS = {
  reported: { zh: '上报', en: 'Reported' },
  verifying: { zh: '核实', en: 'Verifying' },
  verified: { zh: '已核实', en: 'Verified' },
  registered: { zh: '立案', en: 'Registered' },
  dispatched: { zh: '派遣', en: 'Dispatched' },
  returned: { zh: '退回', en: 'Returned' },
  acknowledged: { zh: '签收', en: 'Acknowledged' },
  in_progress: { zh: '处置', en: 'In progress' },
  extension_requested: { zh: '延期申请', en: 'Extension requested' },
  parking_requested: { zh: '挂账申请', en: 'Parking requested' },
  parked: { zh: '挂账', en: 'Parked' },
  feedback: { zh: '反馈', en: 'Fed back' },
  checking: { zh: '核查', en: 'Checking' },
  closed: { zh: '结案', en: 'Closed' },
  evaluated: { zh: '评价', en: 'Evaluated' },
  voided: { zh: '作废', en: 'Voided' },
  merged: { zh: '并案', en: 'Merged' },
} as const satisfies Record<CaseState, Localized>;

export const CHANNEL_LABELS = {
  hotline_12345: { zh: '12345热线', en: '12345 hotline' },
  grid_inspector: { zh: '网格员', en: 'Grid inspector' },
  video_analytics: { zh: '视频智能分析', en: 'Video analytics' },
  iot_sensor: { zh: '物联感知', en: 'IoT sensor' },
  police_110: { zh: '110联动', en: '110 police link' },
  leader_assignment: { zh: '领导交办', en: 'Leader assignment' },
} as const satisfies Record<Channel, Localized>;

export const CATEGORY_LABELS = {
  city_appearance: { zh: '市容环境', en: 'City appearance' },
  advertising: { zh: '宣传广告', en: 'Advertising' },
  construction: { zh: '施工管理', en: 'Construction' },
  street_order: { zh: '街面秩序', en: 'Street order' },
  emergency: { zh: '突发事件', en: 'Emergency' },
  public_facilities: { zh: '公用设施', en: 'Public facilities' },
  road_traffic: { zh: '道路交通', en: 'Road traffic' },
  landscaping: { zh: '园林绿化', en: 'Landscaping' },
  housing_land: { zh: '房屋土地', en: 'Housing and land' },
  environment: { zh: '环境保护', en: 'Environmental protection' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Record<Category, Localized>;

export const REQUEST_TYPE_LABELS = {
  inquiry: { zh: '咨询', en: 'Inquiry' },
  help: { zh: '求助', en: 'Request for help' },
  complaint: { zh: '投诉举报', en: 'Complaint' },
  suggestion: { zh: '意见建议', en: 'Suggestion' },
} as const satisfies Record<RequestType, Localized>;

export const URGENCY_LABELS = {
  normal: { zh: '一般', en: 'Normal' },
  urgent: { zh: '加急', en: 'Urgent' },
  critical: { zh: '特急', en: 'Critical' },
} as const satisfies Record<Urgency, Localized>;

export const ACTOR_ROLE_LABELS = {
  duty_officer: { zh: '值班员', en: 'Duty officer' },
  inspector: { zh: '监督员', en: 'Field inspector' },
  department: { zh: '承办单位', en: 'Department handler' },
  shift_leader: { zh: '值班长', en: 'Shift leader' },
  leader: { zh: '领导', en: 'Leader' },
  system: { zh: '系统', en: 'System' },
} as const satisfies Record<ActorRole, Localized>;

export const RATING_LABELS = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basically_satisfied: { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
} as const satisfies Record<Rating, Localized>;

export const SLA_STEP_LABELS = {
  accept: { zh: '受理', en: 'Acceptance' },
  verify: { zh: '核实', en: 'Verification' },
  register: { zh: '立案', en: 'Registration' },
  dispatch: { zh: '派遣', en: 'Dispatch' },
  sign_for: { zh: '签收', en: 'Sign-for' },
  handling: { zh: '处置', en: 'Handling' },
  checking: { zh: '核查', en: 'Checking' },
  return_visit: { zh: '回访', en: 'Return visit' },
} as const satisfies Record<SlaStep, Localized>;

export const SLA_LIGHT_LABELS = {
  green: { zh: '正常', en: 'On track' },
  yellow: { zh: '预警', en: 'Due soon' },
  red: { zh: '超期', en: 'Overdue' },
} as const satisfies Record<SlaLight, Localized>;

export const TRANSITION_ACTION_LABELS = {
  report: { zh: '上报', en: 'Report' },
  verify: { zh: '核实', en: 'Verify' },
  report_verification: { zh: '核实反馈', en: 'Report verification' },
  register: { zh: '立案', en: 'Register' },
  close_on_call: { zh: '在线办结', en: 'Close on call' },
  void: { zh: '作废', en: 'Void' },
  merge: { zh: '并案', en: 'Merge a duplicate' },
  merge_into: { zh: '并入', en: 'Merge into' },
  dispatch: { zh: '派遣', en: 'Dispatch' },
  re_dispatch: { zh: '改派', en: 'Re-dispatch' },
  acknowledge: { zh: '签收', en: 'Acknowledge' },
  return: { zh: '退回', en: 'Return' },
  start: { zh: '开始处置', en: 'Start handling' },
  request_extension: { zh: '申请延期', en: 'Request extension' },
  approve_extension: { zh: '批准延期', en: 'Approve extension' },
  refuse_extension: { zh: '驳回延期', en: 'Refuse extension' },
  request_parking: { zh: '申请挂账', en: 'Request parking' },
  approve_parking: { zh: '批准挂账', en: 'Approve parking' },
  refuse_parking: { zh: '驳回挂账', en: 'Refuse parking' },
  unpark: { zh: '解除挂账', en: 'Unpark' },
  feedback: { zh: '处置反馈', en: 'Feed back' },
  start_check: { zh: '派发核查', en: 'Send for checking' },
  check_pass: { zh: '核查通过', en: 'Check passed' },
  check_fail: { zh: '返工', en: 'Check failed (rework)' },
  evaluate: { zh: '评价', en: 'Evaluate' },
  reopen: { zh: '重启', en: 'Reopen' },
  remind: { zh: '催办', en: 'Remind' },
  supervise: { zh: '督办', en: 'Supervise' },
} as const satisfies Record<TransitionAction, Localized>;
