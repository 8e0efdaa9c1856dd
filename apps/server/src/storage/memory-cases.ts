import type { CaseRecord, CaseTransition } from '@cw/contracts';
import { endedAt } from '@cw/dispatch';
import { AlertLinkConflict, CaseConflict, type AlertLinkRow, type CaseStore, type InstructionRow, type SequenceStore, type SettingsStore } from './storage.ts';

/** `links`: the alert links, shared with the alert and emergency parts of the same store; `sequences`, the counters of its SequenceStore. */
export function memoryCaseStore(links: Map<string, AlertLinkRow>, sequences: Map<string, number>): CaseStore {
  const cases = new Map<string, CaseRecord>();
  const instructions: InstructionRow[] = [];
  const history = new Map<string, CaseTransition[]>();
  const idempotency = new Map<string, { caseId: string; bodyHash: string }>();
  const copy = <T>(x: T): T => structuredClone(x);
  return {
    async insertCase(c, t, idem, link) {
      if (cases.has(c.id) || (idem && idempotency.has(`${idem.scope}\n${idem.key}`))) throw new CaseConflict(`case ${c.id} or its idempotency key exists`);
      if (link && links.has(link.alertId)) throw new AlertLinkConflict(`alert ${link.alertId} already has a case or an emergency`);
      if (link) links.set(link.alertId, copy(link));
      cases.set(c.id, copy(c));
      history.set(c.id, [copy(t)]);
      if (idem) idempotency.set(`${idem.scope}\n${idem.key}`, { caseId: c.id, bodyHash: idem.bodyHash });
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
    async importCases(rows, raised) {
      for (const r of rows) if (cases.has(r.case.id)) throw new CaseConflict(`case ${r.case.id} exists`);
      for (const r of rows) {
        cases.set(r.case.id, copy(r.case));
        history.set(r.case.id, r.transitions.map(copy));
      }
      for (const [name, value] of raised) sequences.set(name, Math.max(sequences.get(name) ?? 0, value));
    },
    async caseById(id) {
      return copy(cases.get(id) ?? null);
    },
    async activeCases(endedSince) {
      return [...cases.values()]
        .filter((c) => {
          const ended = endedAt(c);
          return ended === null || ended >= endedSince;
        })
        .sort((a, b) => a.reportedAt - b.reportedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map(copy);
    },
    async caseHistory(caseId) {
      return (history.get(caseId) ?? []).map(copy);
    },
    async caseHistories(caseIds) {
      return new Map(caseIds.map((id) => [id, (history.get(id) ?? []).map(copy)]));
    },
    async instructionCounts(caseIds) {
      const wanted = new Set(caseIds);
      const out = new Map<string, number>();
      for (const i of instructions) if (wanted.has(i.caseId)) out.set(i.caseId, (out.get(i.caseId) ?? 0) + 1);
      return out;
    },
    async idempotentCase(scope, key) {
      return copy(idempotency.get(`${scope}\n${key}`) ?? null);
    },
    async transitionsOfCasesSince(since) {
      return [...cases.values()]
        .filter((c) => c.reportedAt >= since)
        .flatMap((c) => history.get(c.id)!)
        .sort((a, b) => a.at - b.at || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0) || a.seq - b.seq)
        .map(copy);
    },
    async addInstruction(r) {
      instructions.push(copy(r));
    },
    async instructions(caseId) {
      return instructions.filter((i) => i.caseId === caseId).map(copy);
    },
  };
}

/** In-memory settings (JSON text, so a value read back is a copy). */
export function memorySettingsStore(): SettingsStore {
  const settings = new Map<string, string>();
  return {
    async getSetting<T>(key: string) {
      const v = settings.get(key);
      return v === undefined ? null : (JSON.parse(v) as T);
    },
    async putSetting(key, value) {
      settings.set(key, JSON.stringify(value));
    },
  };
}

export function memorySequenceStore(values: Map<string, number>): SequenceStore {
  return {
    async nextInSequence(name) {
      const v = (values.get(name) ?? 0) + 1;
      values.set(name, v);
      return v;
    },
  };
}
