import { z } from 'zod';
import { alertLevelSchema } from './thresholds.ts';

// Apart from alerts.ts so that cases.ts and emergency.ts can name an alert without importing the profile.

export const ALERT_LINK_KINDS = ['case', 'emergency'] as const;
export const alertLinkKindSchema = z.enum(ALERT_LINK_KINDS);
export type AlertLinkKind = z.infer<typeof alertLinkKindSchema>;

/**
 * What a duty officer opened from an alert: one case or one emergency, at most once per
 * alert (opening another answers 409 with this link). Stored beside the alert, not in it.
 */
export const alertLinkSchema = z.object({
  kind: alertLinkKindSchema,
  /** The case's or the emergency's id. */
  id: z.string(),
  at: z.number(),
  /** Who opened it (display name). */
  by: z.string(),
});
export type AlertLink = z.infer<typeof alertLinkSchema>;

/** The alert a case or an emergency was opened from, as it stood then: kept on the record. */
export const alertOriginSchema = z.object({
  id: z.string(),
  metric: z.string(),
  scope: z.string(),
  level: alertLevelSchema,
  value: z.number(),
  raisedAt: z.number(),
});
export type AlertOrigin = z.infer<typeof alertOriginSchema>;
