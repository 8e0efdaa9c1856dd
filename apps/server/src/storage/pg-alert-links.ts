import type { PoolClient } from 'pg';
import { linkParams } from './alert-links.ts';
import { AlertLinkConflict, type AlertLinkRow } from './storage.ts';

/** Records an alert's link inside the caller's transaction; a second link for the alert throws (rolling it back). */
export async function insertLink(q: PoolClient, link: AlertLinkRow): Promise<void> {
  const r = await q.query('INSERT INTO alert_links (alert_id, kind, target_id, at, by_name) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (alert_id) DO NOTHING', [...linkParams(link)]);
  if (r.rowCount !== 1) throw new AlertLinkConflict(`alert ${link.alertId} already has a case or an emergency`);
}
