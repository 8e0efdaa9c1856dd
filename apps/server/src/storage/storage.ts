import type { Alert, AlertLink, AuditEntry, Briefing, BriefingSummary, CaseRecord, CaseTransition, EmergencyRecord, FeedItem, RawEvent, SourceRegistration, StoredSubscription, UserRecord } from '@cw/contracts';
import type { DailyAqiRecord } from '@cw/metrics';
import type { ClosedWindow } from '@cw/rollup';
import type { SignInPolicy, ThrottleEntry, ThrottlePolicy } from '@cw/access';

/**
 * Everything the server persists, in parts (rollups, auth, sign-in throttles, audit, cases, settings, counters,
 * emergencies, briefings), each its own interface with its own factory per implementation
 * (memory, SQLite, PostgreSQL) over one shared connection. Methods are async because
 * PostgreSQL answers over the network even where SQLite answers synchronously. No part
 * caches what another process may change: several server processes may share one database.
 */
export type Storage = RollupStore & AuthStore & ThrottleStore & AuditStore & CaseStore & SettingsStore & SequenceStore & EmergencyStore & BriefingStore & PhotoStore & FenceStore & SubscriptionStore & {
  close(): Promise<void>;
  /** An online, consistent copy of the whole store into a new file; absent where nothing is on disk. */
  backup?(destination: string): Promise<void>;
};

/** One source's events for the journal, with their JSON as received when known. */
export interface EventBatch {
  events: readonly RawEvent[];
  source?: string;
  bodies?: readonly string[];
}

/** Raw events, rollup windows, and what is derived from them (daily AQI, alerts, feed). */
export interface RollupStore {
  /** Appends raw events to the journal in one transaction, dropping any whose id `source`
   * already delivered (ids are unique per source; see `journalKey`). `bodies`, when given, are
   * the events' JSON as received, stored as is. Returns the events actually added, in order.
   * Durable when the promise resolves. */
  appendEvents(events: readonly RawEvent[], source?: string, bodies?: readonly string[]): Promise<RawEvent[]>;
  /** Several batches, each as `appendEvents` takes it (its own source, its own duplicates),
   * in one transaction: the journal's group commit, so that concurrent requests share one
   * commit. Returns each batch's added events. All durable when the promise resolves; on
   * failure none of them is journaled. */
  appendEventBatches(batches: readonly EventBatch[]): Promise<RawEvent[][]>;
  /** Which of these event ids `source` already delivered. */
  knownIds(ids: readonly string[], source?: string): Promise<Set<string>>;
  /** Journaled events with ts ≥ `ts`, in time order: replayed into the engine on restart. */
  eventsSince(ts: number): Promise<RawEvent[]>;
  /** Stores closed rollup windows and the new watermark in one transaction. */
  saveClosedWindows(windows: readonly ClosedWindow[], closedUpTo: number): Promise<void>;
  /** Closed windows of one family with start ≥ `since`. */
  loadWindows(family: string, since: number): Promise<ClosedWindow[]>;
  /** Closed windows of one series and scope with start in [from, to), oldest first. */
  history(family: string, series: string, scope: string, from: number, to: number): Promise<ClosedWindow[]>;
  /** The watermark saved with the last closed windows, or null on a fresh store. */
  closedUpTo(): Promise<number | null>;
  /** Drops journaled events older than `before` and windows of `family` older than `windowsBefore`. */
  prune(before: number, windowsBefore: Record<string, number>): Promise<void>;
  /** Daily AQI per scope, computed when a day closes (for the share of good days). */
  saveDailyAqi(records: readonly DailyAqiRecord[]): Promise<void>;
  loadDailyAqi(since: number): Promise<DailyAqiRecord[]>;
  /** Inserts or updates an alert (its `link` is not part of it: see AlertLinkRow). */
  saveAlert(alert: Alert): Promise<void>;
  /** Alerts not yet acknowledged or still crossing (not cleared), oldest first, each with its `link` (null if none). */
  liveAlerts(): Promise<Alert[]>;
  /** Alerts raised in [from, to), newest first, at most `limit`, each with its `link`. */
  listAlerts(from: number, to: number, limit: number): Promise<Alert[]>;
  /** One stored alert with its `link`, or null. */
  alertById(id: string): Promise<Alert | null>;
  /** Appends ticker items and keeps only the newest `keep`. */
  appendFeed(items: readonly FeedItem[], keep: number): Promise<void>;
  /** The newest `limit` ticker items, newest first. */
  latestFeed(limit: number): Promise<FeedItem[]>;
}

export interface StoredUser extends UserRecord {
  passwordHash: string;
  mustChangePassword: boolean;
}

export interface SessionRow {
  /** SHA-256 of the session token; the token itself is never stored. */
  tokenHash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

/** A long-lived machine credential: a paired wall display or a data source's API key. */
export interface CredentialRow {
  id: string;
  kind: 'display' | 'source';
  name: string;
  tokenHash: string;
  createdAt: number;
  lastSeenAt: number | null;
  revoked: boolean;
  /** A data source's registration; null for displays (and for keys made before registration existed). */
  registration: SourceRegistration | null;
}

export class DuplicateUser extends Error {}

/**
 * A wall display's pairing, from the code it shows until it collects its credential (or the
 * code expires). Kept in the store, so any node can start, approve and collect it.
 */
export interface PairingRow {
  id: string;
  /** The code shown, normalised: upper case, no dash. Unique among stored pairings. */
  code: string;
  /** SHA-256 of the secret only the display holds; the secret becomes its credential's token. */
  secretHash: string;
  expiresAt: number;
  /** The display's name and credential once an administrator entered the code; null while pending. */
  name: string | null;
  credentialId: string | null;
}

/** Users, their sessions, and machine credentials. */
export interface AuthStore {
  countUsers(): Promise<number>;
  /** Throws DuplicateUser when the username is taken. */
  insertUser(user: StoredUser): Promise<void>;
  updateUser(id: string, patch: Partial<Pick<StoredUser, 'displayName' | 'disabled' | 'passwordHash' | 'mustChangePassword'>>): Promise<StoredUser | null>;
  userById(id: string): Promise<StoredUser | null>;
  userByName(username: string): Promise<StoredUser | null>;
  listUsers(): Promise<StoredUser[]>;
  insertSession(session: SessionRow): Promise<void>;
  sessionByHash(tokenHash: string): Promise<SessionRow | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteUserSessions(userId: string): Promise<void>;
  deleteExpiredSessions(now: number): Promise<void>;
  insertCredential(c: CredentialRow): Promise<void>;
  credentialByHash(tokenHash: string): Promise<CredentialRow | null>;
  listCredentials(kind: CredentialRow['kind']): Promise<CredentialRow[]>;
  revokeCredential(id: string): Promise<CredentialRow | null>;
  touchCredential(id: string, at: number): Promise<void>;
  /**
   * Stores a new pending pairing, first dropping expired ones: 'code_taken' (nothing stored)
   * when another stored pairing shows the same code, 'full' when `maxPending` are stored.
   */
  insertPairing(p: PairingRow, now: number, maxPending: number): Promise<'ok' | 'code_taken' | 'full'>;
  /**
   * Approves the pending, unexpired pairing that shows `code`, in one transaction: stores the
   * display credential (its token hash the pairing's secret hash) and marks the pairing with
   * it. Null, storing nothing, when no pending pairing shows the code (also when another
   * administrator approved it first).
   */
  approvePairing(code: string, now: number, credential: Omit<CredentialRow, 'tokenHash' | 'kind'>): Promise<CredentialRow | null>;
  pairingById(id: string): Promise<PairingRow | null>;
  deletePairing(id: string): Promise<void>;
}

/**
 * Sign-in throttles (lock-outs), per scope ('account', 'account-address', 'address') and key, shared by every
 * node: a lock earned through one node holds on all of them at once.
 */
export interface ThrottleStore {
  throttleEntry(scope: string, key: string): Promise<ThrottleEntry | null>;
  /**
   * Counts one failure atomically (read, `throttleFailure`, write in one transaction, so
   * failures counted at once through several nodes are all counted) and returns the entry
   * after it.
   */
  recordThrottleFailure(scope: string, key: string, now: number, policy: ThrottlePolicy): Promise<ThrottleEntry>;
  /**
   * Reserves one sign-in attempt at `account` from `address` before its password is checked
   * (`signInReserve` on the 'account' record and the 'account-address' record keyed by
   * `signInPairKey`, both read and written in one transaction). Returns the wait, 0 when
   * reserved; a correct password then clears both records.
   */
  reserveSignIn(account: string, address: string, now: number, policy: SignInPolicy): Promise<number>;
  clearThrottle(scope: string, key: string): Promise<void>;
  /** Forgets the entries `throttleForgetAt` says may be forgotten by `now`. */
  pruneThrottles(now: number): Promise<void>;
}

/** The append-only audit log: every write and every sign-in. */
export interface AuditStore {
  appendAudit(entry: Omit<AuditEntry, 'seq'>): Promise<void>;
  /** Newest first; `before` pages back by sequence number. */
  listAudit(limit: number, before?: number): Promise<AuditEntry[]>;
}

export class CaseConflict extends Error {}

/** The alert already has a case or an emergency opened from it (one per alert). */
export class AlertLinkConflict extends Error {}

/**
 * A case or an emergency opened from an alert: written in the same transaction as the case
 * or emergency, at most one per alert (the table's key), so a second one stores nothing.
 */
export interface AlertLinkRow extends AlertLink {
  alertId: string;
}

/** Cases and their append-only histories. Writes are conditional on the case version. */
export interface CaseStore {
  /**
   * Stores a new case with its first transition; with `idempotency`, records in the same
   * transaction which key opened it, so a retried report finds the original. Throws
   * CaseConflict, storing nothing, when the id or the key is taken (another writer was first).
   * With `link`, records that it was opened from that alert; throws AlertLinkConflict, storing
   * nothing, when the alert already has a link.
   */
  insertCase(c: CaseRecord, transition: CaseTransition, idempotency?: { scope: string; key: string; bodyHash: string }, link?: AlertLinkRow): Promise<void>;
  /**
   * Replaces cases whose stored version is the one given, and appends their transitions, all
   * in one transaction. Throws CaseConflict (changing nothing) if any case moved on.
   */
  updateCases(changes: readonly { case: CaseRecord; expectedVersion: number; transitions: readonly CaseTransition[] }[]): Promise<void>;
  /**
   * Stores whole cases, each with its full history, and raises named counters (SequenceStore)
   * to at least the values given, all in one transaction: the first start's case history,
   * replayed in memory, written with one commit rather than one per step. Throws CaseConflict,
   * storing nothing, if a case id is taken.
   */
  importCases(rows: readonly { case: CaseRecord; transitions: readonly CaseTransition[] }[], sequences: ReadonlyMap<string, number>): Promise<void>;
  caseById(id: string): Promise<CaseRecord | null>;
  /** Cases not ended, or ended (closed, voided, merged) at or after `endedSince`. */
  activeCases(endedSince: number): Promise<CaseRecord[]>;
  caseHistory(caseId: string): Promise<CaseTransition[]>;
  /** The histories of many cases in one read (restore), by case id. */
  caseHistories(caseIds: readonly string[]): Promise<Map<string, CaseTransition[]>>;
  /** How many instructions each of these cases has, in one read; cases with none are absent. */
  instructionCounts(caseIds: readonly string[]): Promise<Map<string, number>>;
  /** The case an intake opened under an idempotency key (per principal), if any. */
  idempotentCase(scope: string, key: string): Promise<{ caseId: string; bodyHash: string } | null>;
  /** Transitions of cases reported at or after `reportedSince`, for KPIs. */
  transitionsOfCasesSince(reportedSince: number): Promise<CaseTransition[]>;
  addInstruction(row: InstructionRow): Promise<void>;
  instructions(caseId: string): Promise<InstructionRow[]>;
}

/** Small named settings an administrator or a leader changes at run time (JSON values). */
export interface SettingsStore {
  getSetting<T>(key: string): Promise<T | null>;
  putSetting(key: string, value: unknown): Promise<void>;
}

/**
 * Named counters for numbering (a case's or an emergency's number within its day): the next
 * value is taken atomically in the database, so processes sharing it never hand out the same
 * number twice.
 */
export interface SequenceStore {
  /** The next value of the counter `name`: 1 the first time, then one more each call. */
  nextInSequence(name: string): Promise<number>;
}

/** A leader's instruction (批示) on a case: append-only, shown with the case. */
export interface InstructionRow {
  caseId: string;
  at: number;
  by: string;
  byName: string;
  text: string;
}

export class EmergencyConflict extends Error {}

/**
 * Emergencies: the record, and its timeline kept append-only beside it. A write is
 * conditional on the stored version and timeline length, so nothing written elsewhere in
 * between is ever overwritten.
 */
export interface EmergencyStore {
  /** With `link`, as insertCase: throws AlertLinkConflict, storing nothing, if the alert already has one. */
  insertEmergency(e: EmergencyRecord, link?: AlertLinkRow): Promise<void>;
  /**
   * Replaces the record if it is still at `expected` (version and timeline length) and
   * appends the timeline entries beyond that length, in one transaction. Throws
   * EmergencyConflict, changing nothing, if it moved on.
   */
  updateEmergency(e: EmergencyRecord, expected: { version: number; timelineLength: number }): Promise<void>;
  emergencyById(id: string): Promise<EmergencyRecord | null>;
  /** Active emergencies and those stood down at or after `stoodDownSince`, oldest first. */
  recentEmergencies(stoodDownSince: number): Promise<EmergencyRecord[]>;
  /** Every emergency, newest first, at most `limit`. */
  listEmergencies(limit: number): Promise<EmergencyRecord[]>;
}

/** Daily briefings (城市运行日报), one per local day; compiling a day again replaces it. */
export interface BriefingStore {
  saveBriefing(b: Briefing): Promise<void>;
  briefing(day: string): Promise<Briefing | null>;
  /** The newest `limit` days first. */
  listBriefings(limit: number): Promise<BriefingSummary[]>;
}

/**
 * The writer's data (windows and watermark, daily AQI, alerts, the ticker, cases with their
 * histories, instructions and idempotency keys, numbering, emergencies,
 * briefings, and the journal, whose tables each store adds): in cluster mode only the current
 * writer may change it.
 */
export const WRITER_TABLES = [
  'meta',
  'windows',
  'daily_aqi',
  'alerts',
  'alert_links',
  'feed',
  'cases',
  'case_transitions',
  'case_instructions',
  'case_idempotency',
  'sequences',
  'emergencies',
  'emergency_timeline',
  'briefings',
] as const;

/** A write of the writer's data by a store whose fence another has since overtaken. */
export class StaleWriter extends Error {
  constructor(message = 'stale writer: another node holds a newer writer lease') {
    super(message);
  }
}

/**
 * Writer fencing (cluster mode): the writer lease's fencing number is recorded in the store,
 * and every write of the writer's data (WRITER_TABLES) by a store that claimed one is checked
 * against it in the write's own transaction. A writer paused past its lease (a long GC, a
 * frozen VM) that wakes up after its successor claimed a larger number writes nothing.
 */
export interface FenceStore {
  /**
   * Records `fence` as the current writer's unless a larger one was claimed, and tags this
   * store's later writes of the writer's data with it: once another store claims a larger
   * number they are refused with StaleWriter, changing nothing. Returns the number in force
   * afterwards (larger than `fence` when refused). A store that never claims is not checked
   * (a single node; an edge, which never writes the writer's data).
   */
  claimWriter(fence: number): Promise<{ claimed: boolean; current: number }>;
}

/** A field photo (核实, 核查) of a case, its bytes already checked to be of `type`. */
export interface StoredPhoto {
  caseId: string;
  /** 32 lower-case hex digits. */
  id: string;
  type: 'image/jpeg' | 'image/png' | 'image/webp';
  bytes: Uint8Array;
  createdAt: number;
}

/** The largest photo the store takes (the database refuses a larger one too). */
export const MAX_STORED_PHOTO_BYTES = 8 * 1024 * 1024;

/** Field photos, in the store so that every node serves them and a new writer has them. */
export interface PhotoStore {
  /** Stores a photo unless its case already has `maxPerCase` (then false, nothing stored), in one transaction. */
  insertPhoto(photo: StoredPhoto, maxPerCase: number): Promise<boolean>;
  photo(caseId: string, id: string): Promise<StoredPhoto | null>;
  hasPhoto(caseId: string, id: string): Promise<boolean>;
}

export class DuplicateSubscription extends Error {}

/** NGSI-LD subscriptions to the city's vital signs and alerts (docs/ingest.md#ngsi-ld), oldest first. */
export interface SubscriptionStore {
  /** Throws DuplicateSubscription, storing nothing, when the id is taken. */
  insertSubscription(s: StoredSubscription): Promise<void>;
  subscriptionById(id: string): Promise<StoredSubscription | null>;
  /** Every subscription, oldest first (by creation time, then id). */
  listSubscriptions(): Promise<StoredSubscription[]>;
  /** False when there was none by that id. */
  deleteSubscription(id: string): Promise<boolean>;
}

/** The headline a briefing is listed with. */
export function briefingSummary(b: Briefing): BriefingSummary {
  return { day: b.day, compiledAt: b.compiledAt, alerts: b.alerts.raised, casesReceived: b.cases.received, emergencies: b.emergencies.declared };
}

/** The journal's idempotency key: the event id within its source (the simulator's ids stand alone). */
export function journalKey(source: string | undefined, id: string | undefined): string | null {
  if (id === undefined) return null;
  return source === undefined ? id : `${source}/${id}`;
}
