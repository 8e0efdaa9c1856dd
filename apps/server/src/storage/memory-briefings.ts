import type { Briefing } from '@cw/contracts';
import { briefingSummary, type BriefingStore } from './storage.ts';

/** The in-memory briefing store: same contract as SQLite, copies in and out. */
export function memoryBriefingStore(): BriefingStore {
  const rows = new Map<string, Briefing>();
  return {
    async saveBriefing(b) {
      rows.set(b.day, structuredClone(b));
    },
    async briefing(day) {
      const b = rows.get(day);
      return b === undefined ? null : structuredClone(b);
    },
    async listBriefings(limit) {
      return [...rows.values()].sort((a, b) => (a.day < b.day ? 1 : -1)).slice(0, limit).map(briefingSummary);
    },
  };
}
