import type { Alert, AlertLink } from '@cw/contracts';
import type { AlertLinkRow } from './storage.ts';

/** What was opened from an alert: one row per alert (the key), written with the case or emergency. */
export const SQLITE_ALERT_LINKS_MIGRATION = `
  CREATE TABLE alert_links (alert_id TEXT PRIMARY KEY, kind TEXT NOT NULL, target_id TEXT NOT NULL, at INTEGER NOT NULL, by_name TEXT NOT NULL);
  CREATE INDEX alert_links_by_target ON alert_links (target_id);
`;

export const PG_ALERT_LINKS_MIGRATION = `
  CREATE TABLE alert_links (alert_id TEXT PRIMARY KEY, kind TEXT NOT NULL, target_id TEXT NOT NULL, at BIGINT NOT NULL, by_name TEXT NOT NULL);
  CREATE INDEX alert_links_by_target ON alert_links (target_id);
`;

/** The columns a read of alerts LEFT JOINs `alert_links l` for. */
export const LINK_COLUMNS = 'l.kind AS link_kind, l.target_id AS link_id, l.at AS link_at, l.by_name AS link_by';

export interface AlertRowWithLink {
  body: string;
  link_kind: string | null;
  link_id: string | null;
  link_at: number | null;
  link_by: string | null;
}

/** A stored alert with its link (null when nothing was opened from it). */
export function alertWithLink(r: AlertRowWithLink): Alert {
  const link: AlertLink | null = r.link_kind === null ? null : { kind: r.link_kind as AlertLink['kind'], id: r.link_id!, at: Number(r.link_at), by: r.link_by! };
  return { ...(JSON.parse(r.body) as Alert), link };
}

/** The alert as stored: its link lives in alert_links only. */
export function alertBody(a: Alert): string {
  const { link: _link, ...rest } = a;
  return JSON.stringify(rest);
}

export const linkParams = (l: AlertLinkRow) => [l.alertId, l.kind, l.id, l.at, l.by] as const;
