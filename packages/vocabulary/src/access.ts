import type { Localized, Role } from '@cw/contracts';

/** What the screens call each role, in Chinese and English. */
export const ROLE_LABELS = {
  wall: { zh: '大屏显示', en: 'Wall display' },
  leader: { zh: '领导', en: 'Leader' },
  shift_leader: { zh: '值班长', en: 'Shift leader' },
  duty_officer: { zh: '值班员', en: 'Duty officer' },
  inspector: { zh: '监督员', en: 'Field inspector' },
  department: { zh: '部门处置人员', en: 'Department handler' },
  admin: { zh: '系统管理员', en: 'Administrator' },
  source: { zh: '数据源', en: 'Data source' },
} as const satisfies Record<Role, Localized>;
