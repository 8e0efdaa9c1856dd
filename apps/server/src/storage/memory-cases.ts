import type { CaseRecord, CaseTransition } from '@cw/contracts';
import { CaseConflict, type CaseStore, type InstructionRow, type SettingsStore } from './storage.ts';

export function memoryCaseStore(): CaseStore & SettingsStore {
  const cases = new Map<string, CaseRecord>();
  const instructions: InstructionRow[] = [];
  const settings = new Map<string, string>();
  const history = new Map<string, CaseTransition[]>();
  const copy = <T>(x: T): T => structuredClone(x);
  return {
    async insertCase(c, t) {
      cases.set(c.id, copy(c));
      history.set(c.id, [copy(t)]);
    },
    async updateCases(changes) {
      for (const ch of changes) {
        if (cases.get(ch.case.id)?.version !== ch.expectedVersion) throw new CaseConflict(`case ${ch.case.id} is no longer at version ${ch.expectedVersion}`);
      }
      for (const ch of changes) {
        cases.set(ch.case.id, copy(ch.case));
        history.get(ch.case.id)!.push(...ch.transitions.map(copy));
      }
    },
    async caseById(id) {
      return copy(cases.get(id) ?? null);
    },
    async activeCases(closedSince) {
      return [...cases.values()]
        .filter((c) => (c.closedAt === null && c.state !== 'voided' && c.state !== 'merged') || (c.closedAt !== null && c.closedAt >= closedSince))
        .sort((a, b) => a.reportedAt - b.reportedAt)
        .map(copy);
    },
    async caseHistory(caseId) {
      return (history.get(caseId) ?? []).map(copy);
    },
    async transitionsOfCasesSince(since) {
      return [...cases.values()]
        .filter((c) => c.reportedAt >= since)
        .flatMap((c) => history.get(c.id)!)
        .sort((a, b) => a.at - b.at)
        .map(copy);
    },
    async countCasesReported(from, to) {
      return [...cases.values()].filter((c) => c.reportedAt >= from && c.reportedAt < to).length;
    },
    async addInstruction(r) {
      instructions.push(copy(r));
    },
    async instructions(caseId) {
      return instructions.filter((i) => i.caseId === caseId).map(copy);
    },
    async getSetting<T>(key: string) {
      const v = settings.get(key);
      return v === undefined ? null : (JSON.parse(v) as T);
    },
    async putSetting(key, value) {
      settings.set(key, JSON.stringify(value));
    },
  };
}
