import { z } from 'zod';

/**
 * The monthly assessment (月度考核) of the dispatch centre and its departments, as
 * `GET /api/v1/dispatch/assessment?month=YYYY-MM` answers it (computed by
 * `assessment` in @cw/dispatch; definitions in docs/dispatch.md). Rates are fractions in
 * [0, 1], null when there is nothing to divide by.
 */
export const assessmentMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month: YYYY-MM');

const rate = z.number().min(0).max(1).nullable();
const count = z.number().int().nonnegative();

export const departmentAssessmentSchema = z.object({
  department: z.string(),
  /** 派遣数: dispatches and re-dispatches to the department in the period. */
  dispatched: count,
  /** 应处置数: its assignments whose handling deadline fell in the period. */
  due: count,
  /** 处置数: of those, fed back before the period ended. */
  handled: count,
  /** 按期处置数: of those, fed back by the deadline (an approved extension moves it). */
  handledOnTime: count,
  /** 延期数: due assignments granted at least one extension. */
  extended: count,
  /** 返工数: handled assignments that failed a check (返工) at least once. */
  reworked: count,
  /** Return visits (回访) recorded in the period on cases the department handled. */
  evaluated: count,
  /** Of those, rated satisfied or basically satisfied. */
  satisfied: count,
  /** 按期处置率 = handledOnTime / due. */
  onTimeRate: rate,
  /** 处置率 = handled / due. */
  handlingRate: rate,
  /** 延期率 = extended / due. */
  extensionRate: rate,
  /** 返工率 = reworked / handled. */
  reworkRate: rate,
  /** 回访满意率 = satisfied / evaluated. */
  satisfactionRate: rate,
  /** 考核排名, 1 = best; null for a department with nothing due in the period. */
  rank: z.number().int().positive().nullable(),
});
export type DepartmentAssessment = z.infer<typeof departmentAssessmentSchema>;

export const centreAssessmentSchema = z.object({
  /** 立案数: cases registered (or closed on the call) in the period for the first time. */
  registered: count,
  /** 应结案数: cases whose closure deadline fell in the period (a case closed on the call is due at once). */
  due: count,
  /** 结案数: of those, closed before the period ended. */
  closed: count,
  /** 按期结案数: of those, with no step from dispatch to closure ended after its deadline. */
  closedOnTime: count,
  /** 结案率 = closed / due. */
  closureRate: rate,
  /** 按期结案率 = closedOnTime / due. */
  onTimeClosureRate: rate,
});
export type CentreAssessment = z.infer<typeof centreAssessmentSchema>;

/** The period assessed, [from, to) in ms. */
export const assessmentPeriodSchema = z.object({ from: z.number().int(), to: z.number().int() });
export type AssessmentPeriod = z.infer<typeof assessmentPeriodSchema>;

export const assessmentSchema = z.object({
  period: assessmentPeriodSchema,
  centre: centreAssessmentSchema,
  /** Ranked departments first (best first), then those with nothing due, by id. */
  departments: z.array(departmentAssessmentSchema),
});
export type Assessment = z.infer<typeof assessmentSchema>;

/** The report as served: the month, when it was computed, and the figures. */
export const assessmentReportSchema = assessmentSchema.extend({
  month: assessmentMonthSchema,
  generatedAt: z.number().int(),
});
export type AssessmentReport = z.infer<typeof assessmentReportSchema>;
