import type { EmergencyCategory, EmergencyLevel, EmergencyPlan, EmergencyProfile, PlanResponse } from '@cw/contracts';

/** The plan for a category and sub-type: the first whose sub-types include it. */
export function findPlan(profile: EmergencyProfile, category: EmergencyCategory, subtype: string): EmergencyPlan | null {
  return profile.plans.find((p) => p.category === category && p.subtypes.includes(subtype)) ?? null;
}

/** The plan's response for a level, or null when the plan has none for it. */
export function responseFor(plan: EmergencyPlan | null, level: EmergencyLevel): PlanResponse | null {
  return plan?.responses.find((r) => r.levels.includes(level)) ?? null;
}

/** The response's departments, lead first, each once. */
export function responseDepartments(response: PlanResponse): string[] {
  return [...new Set([response.leadDepartment, ...response.linkedDepartments])];
}
