import type { DepartmentStatus, EmergencyCategory, EmergencyLevel, EmergencyStatus, Localized, ReportKind, ResourceKind } from '@cw/contracts';

/**
 * What the screens, the notices and reports of @cw/emergency and the server's documents call
 * each value of the emergency enumerations (packages/contracts/src/emergency.ts and
 * emergency-profile.ts), in Chinese and English, with the level's numeral and colour.
 */

export const EMERGENCY_CATEGORY_LABELS = {
  natural: { zh: '自然灾害', en: 'Natural disaster' },
  accident: { zh: '事故灾难', en: 'Accident' },
  public_health: { zh: '公共卫生事件', en: 'Public health incident' },
  social_safety: { zh: '社会安全事件', en: 'Social safety incident' },
} as const satisfies Record<EmergencyCategory, Localized>;

export const EMERGENCY_LEVEL_LABELS = {
  1: { zh: 'Ⅰ级 特别重大', en: 'Level I, extremely serious' },
  2: { zh: 'Ⅱ级 重大', en: 'Level II, serious' },
  3: { zh: 'Ⅲ级 较大', en: 'Level III, major' },
  4: { zh: 'Ⅳ级 一般', en: 'Level IV, ordinary' },
} as const satisfies Record<EmergencyLevel, Localized>;

/** Roman numeral of a level, as official documents write it. */
export const EMERGENCY_LEVEL_NUMERALS = { 1: 'Ⅰ', 2: 'Ⅱ', 3: 'Ⅲ', 4: 'Ⅳ' } as const satisfies Record<EmergencyLevel, string>;

/** The conventional warning colours: red, orange, yellow, blue. */
export const EMERGENCY_LEVEL_COLORS = {
  1: '#e02020',
  2: '#f5720a',
  3: '#f2c200',
  4: '#1e6fff',
} as const satisfies Record<EmergencyLevel, string>;

export const RESOURCE_KIND_LABELS = {
  shelter: { zh: '避难场所', en: 'Shelter' },
  rescue_team: { zh: '救援队伍', en: 'Rescue team' },
  hospital: { zh: '医院', en: 'Hospital' },
  fire_station: { zh: '消防站', en: 'Fire station' },
  supply_depot: { zh: '物资储备库', en: 'Supply depot' },
  water_gauge: { zh: '水文站', en: 'Water gauge' },
} as const satisfies Record<ResourceKind, Localized>;

export const EMERGENCY_STATUS_LABELS = {
  active: { zh: '响应中', en: 'Active' },
  stood_down: { zh: '已终止', en: 'Stood down' },
} as const satisfies Record<EmergencyStatus, Localized>;

export const DEPARTMENT_STATUS_LABELS = {
  notified: { zh: '已通知', en: 'Notified' },
  responded: { zh: '已响应', en: 'Responded' },
  dispatched: { zh: '出发', en: 'Dispatched' },
  on_scene: { zh: '到场', en: 'On scene' },
  handling: { zh: '处置中', en: 'Handling' },
  done: { zh: '完成', en: 'Done' },
} as const satisfies Record<DepartmentStatus, Localized>;

export const REPORT_KIND_LABELS = {
  initial: { zh: '初报', en: 'Initial report' },
  follow_up: { zh: '续报', en: 'Follow-up report' },
  final: { zh: '终报', en: 'Final report' },
} as const satisfies Record<ReportKind, Localized>;
