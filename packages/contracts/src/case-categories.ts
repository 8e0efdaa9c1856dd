import { z } from 'zod';
import { categorySchema, subCategoryIdSchema } from './cases.ts';
import { localizedSchema } from './primitives.ts';

/**
 * The case category tree as a city's data: under each top-level category (大类, the fixed
 * CJ/T 214 / GB/T 30428 classes in cases.ts), the sub-categories (小类) the city uses, each
 * with its handling time limit and the condition for closing it (结案条件), as the city's
 * 数字城管 standard sets them (e.g. 暴露垃圾 1 working day, 道路不洁 5 working hours).
 */

export const TIME_UNITS = ['working_hours', 'working_days', 'clock_hours'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];

/** A time limit: hours may be fractional (0.5 = 30 minutes); working days are whole. */
export const timeLimitSchema = z
  .object({
    amount: z.number().positive().max(10_000),
    unit: z.enum(TIME_UNITS),
  })
  .refine((l) => l.unit !== 'working_days' || Number.isInteger(l.amount), {
    message: 'working days must be a whole number',
    path: ['amount'],
  });
export type TimeLimit = z.infer<typeof timeLimitSchema>;

export const caseSubCategorySchema = z.object({
  id: subCategoryIdSchema,
  /** The top-level category (大类) it belongs to. */
  category: categorySchema,
  /** The code in the city's standard, e.g. "0101" for 暴露垃圾, when it has one. */
  code: z.string().min(1).max(16).optional(),
  name: localizedSchema,
  /** Handling limit at normal urgency, counted from dispatch; urgent and critical cases keep theirs. */
  handling: timeLimitSchema,
  /** What must be true to close it (结案条件), checked at 核查. */
  closure: localizedSchema,
});
export type CaseSubCategory = z.infer<typeof caseSubCategorySchema>;

/** The city's sub-categories; ids are unique. */
export const caseSubCategoriesSchema = z.array(caseSubCategorySchema).max(500).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((s, i) => {
    if (seen.has(s.id)) ctx.addIssue({ code: 'custom', message: `duplicate sub-category id "${s.id}"`, path: [i, 'id'] });
    seen.add(s.id);
  });
});
