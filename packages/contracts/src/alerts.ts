import { z } from 'zod';
import { localizedSchema } from './profile.ts';
import { alertLevelSchema, alertRank } from './thresholds.ts';
import { alertLinkSchema } from './alert-link.ts';

/**
 * A threshold crossing: raised when a figure reaches one of its alert levels, escalated in
 * place when it reaches a higher one, cleared only when the figure is back past its clear
 * threshold, stored, pushed to every screen and kept on the wall until acknowledged.
 */
export const alertSchema = z.object({
  id: z.string(),
  metric: z.string(),
  scope: z.string(),
  /** The highest level this crossing has reached. */
  level: alertLevelSchema,
  /** The figure when it reached `level`, and that level's threshold. */
  value: z.number(),
  threshold: z.number(),
  /** Where the alert clears (hysteresis). */
  clearAt: z.number(),
  raisedAt: z.number(),
  /** When it last rose to a higher level; null while still at the level it was raised at. */
  escalatedAt: z.number().nullable(),
  /** When the figure went back past `clearAt`; the alert stays until acknowledged. */
  clearedAt: z.number().nullable(),
  acknowledgedAt: z.number().nullable(),
  acknowledgedBy: z.string().nullable(),
  /** A data source silent past its expected interval (metric `source.silent`; value: seconds silent, threshold: the interval). */
  source: z
    .object({
      id: z.string(),
      name: z.string(),
      /** The figures it feeds (from the kinds it is registered for): shown stale, naming it, while it is silent. */
      metrics: z.array(z.string()).optional(),
    })
    .optional(),
  /** Why it was acknowledged, as the officer wrote it. */
  acknowledgeNote: z.string().nullable(),
  /** The case or emergency opened from it; absent or null while none was. */
  link: alertLinkSchema.nullable().optional(),
});
export type Alert = z.infer<typeof alertSchema>;

/** Most urgent first: the higher level, then still crossing before cleared, then newest. */
export function compareAlerts(a: Alert, b: Alert): number {
  const rank = (x: Alert) => alertRank(x.level) * 2 + (x.clearedAt === null ? 1 : 0);
  return rank(b) - rank(a) || b.raisedAt - a.raisedAt;
}

const ackNoteSchema = z.string().trim().min(1).max(500);
export const acknowledgeAlertSchema = z.object({ note: ackNoteSchema.optional() });

/** Acknowledges several alerts at once; the reason is required and recorded on each. */
export const bulkAcknowledgeSchema = z.object({
  ids: z.array(z.string().min(1)).min(1).max(200),
  note: ackNoteSchema,
});
export type BulkAcknowledge = z.infer<typeof bulkAcknowledgeSchema>;

export const feedSeveritySchema = z.enum(['info', 'warning', 'critical']);
export type FeedSeverity = z.infer<typeof feedSeveritySchema>;

/**
 * One line of the wall's event ticker: a notable raw event (an incident, an alarm, a fault)
 * or an alert. `kind` and `type` are shown through the i18n layer.
 */
export const feedItemSchema = z.object({
  id: z.string(),
  ts: z.number(),
  kind: z.string(),
  type: z.string().optional(),
  division: z.string(),
  severity: feedSeveritySchema,
  /** The place or device it is about, when there is one. */
  site: z.string().optional(),
  location: z.tuple([z.number(), z.number()]).optional(),
  /** Free text, rendered as text. */
  detail: z.string().optional(),
});
export type FeedItem = z.infer<typeof feedItemSchema>;

export const operatingModeSchema = z.enum(['peace', 'war']);
export type OperatingMode = z.infer<typeof operatingModeSchema>;

/** The `system` topic's single entry, key `state`. */
export const systemStateSchema = z.object({
  mode: operatingModeSchema,
  city: localizedSchema,
});
export type SystemState = z.infer<typeof systemStateSchema>;

/** The wall's pages: the overview, a thematic page per domain, and the dispatch board. */
export const wallPageSchema = z.enum(['overview', 'government', 'environment', 'safety', 'livelihood', 'tourism', 'dispatch']);
export type WallPage = z.infer<typeof wallPageSchema>;

/** GET /api/v1/wall: how walls rotate (WALL_PLAYLIST, WALL_FOCUS_SECONDS). */
export const wallConfigSchema = z.object({
  playlist: z.array(z.object({ page: wallPageSchema, seconds: z.number() })),
  focusSeconds: z.number(),
});
export type WallConfig = z.infer<typeof wallConfigSchema>;

export const setModeSchema = z.object({ mode: operatingModeSchema });
