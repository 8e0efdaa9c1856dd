import type { EmergencyRecord } from '@cw/contracts';
import { AlertLinkConflict, EmergencyConflict, type AlertLinkRow, type EmergencyStore } from './storage.ts';

/** The in-memory emergency store: same contract as SQLite, copies in and out; `links` shared with the other parts. */
export function memoryEmergencyStore(links: Map<string, AlertLinkRow>): EmergencyStore {
  const rows = new Map<string, EmergencyRecord>();
  const copy = (e: EmergencyRecord) => structuredClone(e);
  return {
    async insertEmergency(e, link) {
      if (rows.has(e.id)) throw new EmergencyConflict(`emergency ${e.id} exists`);
      if (link && links.has(link.alertId)) throw new AlertLinkConflict(`alert ${link.alertId} already has a case or an emergency`);
      if (link) links.set(link.alertId, { ...link });
      rows.set(e.id, copy(e));
    },
    async updateEmergency(e, expected) {
      const stored = rows.get(e.id);
      if (stored === undefined || stored.version !== expected.version || stored.timeline.length !== expected.timelineLength) {
        throw new EmergencyConflict(`emergency ${e.id} is no longer at version ${expected.version}`);
      }
      // The timeline is append-only: keep what is stored, add only what is new.
      rows.set(e.id, { ...copy(e), timeline: [...stored.timeline, ...copy(e).timeline.slice(expected.timelineLength)] });
    },
    async emergencyById(id) {
      const e = rows.get(id);
      return e === undefined ? null : copy(e);
    },
    async recentEmergencies(since) {
      return [...rows.values()].filter((e) => e.status === 'active' || (e.standDownAt ?? 0) >= since).sort((a, b) => a.declaredAt - b.declaredAt || a.id.localeCompare(b.id)).map(copy);
    },
    async listEmergencies(limit) {
      return [...rows.values()].sort((a, b) => b.declaredAt - a.declaredAt || b.id.localeCompare(a.id)).slice(0, limit).map(copy);
    },
  };
}
