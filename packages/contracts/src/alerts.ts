import { z } from 'zod';
import { localizedSchema } from './profile.ts';

/**
 * A threshold crossing: raised when a figure's status worsens to warning or critical,
 * stored, pushed to every screen and kept on the wall until someone acknowledges it.
 */
export const alertSchema = z.object({
  id: z.string(),
  metric: z.string(),
  scope: z.string(),
  level: z.enum(['warning', 'critical']),
  /** The figure when raised, and the threshold it crossed. */
  value: z.number(),
  threshold: z.number(),
  raisedAt: z.number(),
  /** When the figure went back to normal; the alert stays until acknowledged. */
  clearedAt: z.number().nullable(),
  acknowledgedAt: z.number().nullable(),
  acknowledgedBy: z.string().nullable(),
  /** A data source silent past its expected interval (metric `source.silent`; value: seconds silent, threshold: the interval). */
  source: z.object({ id: z.string(), name: z.string() }).optional(),
});
export type Alert = z.infer<typeof alertSchema>;

export const acknowledgeAlertSchema = z.object({ note: z.string().max(500).optional() });

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
