export {
  DEFAULT_WORKING_PERIODS,
  addWorkingDays,
  addWorkingHours,
  addWorkingTime,
  createWorkingCalendar,
  isHolidayDate,
  isWorkingDay,
  workingMsBetween,
  type WorkingCalendar,
  type WorkingCalendarConfig,
  type WorkingPeriod,
} from './calendar.ts';
export { STATUTORY_LUNAR_YEARS, statutoryHolidays, type Festival } from './statutory.ts';
export {
  DEFAULT_SLA_POLICY,
  WARNING_FRACTION,
  REDO_COMMENT,
  dueChases,
  dueRedos,
  slaStatus,
  stepLimit,
  withSubCategories,
  type ChaseDue,
  type SlaPolicy,
  type SlaStatus,
  type StepLimits,
  type TimeLimit,
  type TimeUnit,
  type UrgencyLimits,
} from './sla.ts';
export {
  WORKFLOW,
  allowedActions,
  applyCommand,
  applyMerge,
  openCase,
  needsReturnVisit,
  rolesMayTake,
  subCategoryProblem,
  type ClockEffect,
  type CommandResult,
  type DispatchRules,
  type WorkflowRow,
} from './workflow.ts';
export { haversineMeters, suggestMerges, type MergeCandidate, type MergeSuggestionOptions } from './merge.ts';
export { dispatchKpis, pastDueCases } from './kpi.ts';
export { TREND_MIN_RISE, TREND_MIN_RISE_FRACTION, TREND_MIN_TODAY, dispatchTrends, isRising, type TrendCase } from './trends.ts';
export { KpiHistory, endedAt, isLiveCase, isOpenCase } from './live.ts';
export { assessment, monthPeriod, rankDepartments } from './assessment.ts';
export { alertOrigin, caseDraftFromAlert, linkRefusal, type AlertCaseDraft, type LinkRefusal } from './alert-case.ts';
