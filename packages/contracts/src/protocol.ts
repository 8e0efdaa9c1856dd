import { z } from 'zod';
import { scopeSchema } from './profile.ts';
import type { VitalReading } from './metrics.ts';
import type { Alert, FeedItem, SystemState } from './alerts.ts';
import type { CaseSummary, DispatchOverview } from './cases.ts';
import type { EmergencyRecord } from './emergency.ts';

/**
 * The realtime protocol between the aggregation server and every screen.
 * Bump PROTOCOL_VERSION on any incompatible change; see docs/protocol.md.
 */
export const PROTOCOL_VERSION = 3;

// ---- topics -------------------------------------------------------------------------

/** `vitals:city` or `vitals:<division code>`: the vital signs of one scope. */
export type VitalsTopic = `vitals:${string}`;
/** Open (unacknowledged) alerts, keyed by alert id. */
export type AlertsTopic = 'alerts';
/** The latest notable events for the ticker, keyed by id, bounded. */
export type FeedTopic = 'feed';
/** Operating mode and other system-wide state, one entry `state`. */
export type SystemTopic = 'system';
/** Cases (open, and closed in the last day), keyed by case id: every case, or one department's. */
export type CasesTopic = 'cases' | `cases:${string}`;
/** Dispatch KPIs, one entry `kpis`. */
export type DispatchTopic = 'dispatch';
/** Emergencies (active, and stood down in the last day), keyed by emergency id; see docs/emergency.md. */
export type EmergenciesTopic = 'emergencies';
export type Topic = VitalsTopic | AlertsTopic | FeedTopic | SystemTopic | CasesTopic | DispatchTopic | EmergenciesTopic;

/** The topics that are one stream each; `vitals:<scope>` and `cases:<department>` are families. */
export const SINGLE_TOPICS = ['alerts', 'feed', 'system', 'cases', 'dispatch', 'emergencies'] as const;
const DEPARTMENT_TOPIC = /^cases:[A-Za-z0-9_.:-]{1,64}$/;

/** Which kind of topic a name is, by its shape alone (whether the scope exists is the server's business). */
export type TopicFamily = (typeof SINGLE_TOPICS)[number] | 'vitals' | 'department_cases';
export function topicFamily(topic: string): TopicFamily | null {
  if ((SINGLE_TOPICS as readonly string[]).includes(topic)) return topic as TopicFamily;
  if (topic.startsWith('vitals:')) return 'vitals';
  if (topic.startsWith('cases:')) return 'department_cases';
  return null;
}

export const topicSchema = z
  .string()
  .refine(
    (t) => (SINGLE_TOPICS as readonly string[]).includes(t) || DEPARTMENT_TOPIC.test(t) || (t.startsWith('vitals:') && scopeSchema.safeParse(t.slice(7)).success),
    { message: 'topic must be vitals:city, vitals:<division code>, alerts, feed, system, cases, cases:<department>, dispatch or emergencies' },
  )
  .transform((t) => t as Topic);

/**
 * A reading's `asOf` travels at this resolution: a reading whose value, status and detail are
 * unchanged is re-sent only when its `asOf` enters a new 10 s step, so freshness alone costs
 * at most one entry per figure per 10 s (screens show ages in 10 s steps or coarser).
 */
export const ASOF_STEP_MS = 10_000;

export const vitalsTopic = (scope: string): VitalsTopic => `vitals:${scope}`;

/** What each topic's entries hold. */
export type EntryOf<T extends Topic> = T extends VitalsTopic
  ? VitalReading
  : T extends AlertsTopic
    ? Alert
    : T extends FeedTopic
      ? FeedItem
      : T extends CasesTopic
        ? CaseSummary
        : T extends DispatchTopic
          ? DispatchOverview
          : T extends EmergenciesTopic
            ? EmergencyRecord
            : SystemState;
export type TopicEntry = VitalReading | Alert | FeedItem | SystemState | CaseSummary | DispatchOverview | EmergencyRecord;

// ---- sequencing ---------------------------------------------------------------------

/**
 * A position in a topic's stream. The epoch changes whenever the server starts, so a
 * client never splices one server life's deltas onto another's stream.
 */
export const streamPositionSchema = z.object({
  epoch: z.string().min(1).max(64),
  seq: z.number().int().nonnegative(),
});
export type StreamPosition = z.infer<typeof streamPositionSchema>;

// ---- client → server ----------------------------------------------------------------

export const handshakeAuthSchema = z.object({
  /** An integer; a fractional value is refused as `bad_message`, not read as a version. */
  protocol: z.number().int(),
  /** A session token, display token or API key, for clients that cannot send cookies. */
  token: z.string().min(1).max(200).optional(),
});
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;

/** One topic, and the last position the client holds of it (the server answers with the missed deltas or a snapshot). */
export const subscribeOneSchema = z.strictObject({
  topic: topicSchema,
  since: streamPositionSchema.optional(),
});
export type SubscribeOne = z.infer<typeof subscribeOneSchema>;

/** Topics one `subscribe` may carry: a wall's ~20, with room for a province's divisions. */
export const MAX_TOPICS_PER_SUBSCRIBE = 64;

/**
 * Every topic a screen wants, each with its position, in one message: answered with one
 * `synced` reply (protocol 3). A topic may appear once.
 */
export const subscribeManySchema = z.strictObject({
  topics: z
    .array(subscribeOneSchema)
    .min(1)
    .max(MAX_TOPICS_PER_SUBSCRIBE)
    .refine((list) => new Set(list.map((t) => t.topic)).size === list.length, { message: 'each topic may appear once' }),
});
export type SubscribeMany = z.infer<typeof subscribeManySchema>;

/** `subscribe`: one topic (answered by `snapshot`, `deltas` or `subscribed`), or many (answered by one `synced`). */
export const subscribeSchema = z.union([subscribeOneSchema, subscribeManySchema]);
export type Subscribe = SubscribeOne | SubscribeMany;

export const unsubscribeSchema = z.object({ topic: topicSchema });
export type Unsubscribe = z.infer<typeof unsubscribeSchema>;

/**
 * Application-level heartbeat: the client sends `ping` every few seconds and the server
 * answers `pong` with the same `id`; no pong in time and the client reconnects, so a
 * half-open connection is noticed within seconds.
 */
export const pingSchema = z.object({ id: z.number().int().nonnegative() });
export type Ping = z.infer<typeof pingSchema>;

export interface ClientToServerEvents {
  subscribe: (msg: Subscribe) => void;
  unsubscribe: (msg: Unsubscribe) => void;
  ping: (msg: Ping) => void;
}
export const CLIENT_MESSAGE_SCHEMAS = {
  subscribe: subscribeSchema,
  unsubscribe: unsubscribeSchema,
  ping: pingSchema,
} as const;

// ---- server → client ----------------------------------------------------------------

export interface Hello {
  protocol: number;
  epoch: string;
  /** Server clock (ms) when sent; screens show server time, which may be simulated. */
  serverTime: number;
  tickMs: number;
}

export type TopicEntries = Record<string, TopicEntry>;

/** The whole state of a topic at `seq`. */
export interface Snapshot extends StreamPosition {
  topic: Topic;
  entries: TopicEntries;
}

/** The change from seq-1 to seq: entries to put (replace) and keys to remove. */
export interface Delta extends StreamPosition {
  topic: Topic;
  put: TopicEntries;
  remove: string[];
}

/**
 * A vital-sign reading on the wire: `[value, status, asOf]` with `status` as its index in
 * `STATUSES`, and a fourth item `{ aqi?, parts?, sample? }` when the reading has detail.
 */
export type PackedReading = [value: number | null, status: number, asOf: number | null] | [value: number | null, status: number, asOf: number | null, detail: Omit<VitalReading, 'value' | 'status' | 'asOf'>];

/**
 * One delta on the wire: `[topic, seq, put]`, or `[topic, seq, put, remove]` when keys go. On
 * `vitals:` topics `put` maps each metric id to a `PackedReading`.
 */
export type PackedDelta =
  | [topic: Topic, seq: number, put: TopicEntries | Record<string, PackedReading>]
  | [topic: Topic, seq: number, put: TopicEntries | Record<string, PackedReading>, remove: string[]];

/**
 * Every delta a client gets in one socket message: all of one tick's deltas of the topics it
 * subscribes to (or the deltas it missed, answering a `subscribe`), in order, of one epoch.
 */
export interface DeltaBatch {
  epoch: string;
  deltas: PackedDelta[];
}

/**
 * The answer to a subscribe that needs no snapshot and no deltas: the socket is subscribed
 * and current at this position (the client's `since` was current, or it was already
 * subscribed and must keep applying the deltas it receives).
 */
export const subscribedSchema = streamPositionSchema.extend({ topic: topicSchema });
export type Subscribed = z.infer<typeof subscribedSchema>;

/**
 * The one answer to `subscribe { topics }`, sent as its JSON text (the snapshots in it are
 * serialized once per (topic, seq), and sockets asking the same are sent the same text):
 * per topic either its whole state (`snapshots`), the deltas missed since the client's
 * position (`deltas`, packed as in a `DeltaBatch`, in order per topic), or, when there is
 * nothing to send (the position is current, or the socket already subscribes to it), the
 * position it is current at (`current`, `[topic, seq]`). Every topic asked for that exists
 * and may be read is in exactly one of the three.
 */
export interface SyncReply {
  epoch: string;
  snapshots: Snapshot[];
  deltas: PackedDelta[];
  current: [topic: Topic, seq: number][];
}

/**
 * The server is stopping (a deploy, a restart): it disconnects this socket next. Not an
 * error: the client reconnects soon, with jittered back-off, and resyncs from its position.
 * `epoch` is the life of the server that is going away.
 */
export const shutdownSchema = z.object({ epoch: z.string().min(1).max(64) });
export type Shutdown = z.infer<typeof shutdownSchema>;

export const ERROR_CODES = [
  /** The client speaks another protocol version: reload the page to get the matching app. */
  'protocol_mismatch',
  /** A message failed validation; `detail` lists the problems. */
  'bad_message',
  /** An event name the server does not know. */
  'unknown_message',
  /** The topic is well-formed but does not exist (e.g. an unknown division). */
  'unknown_topic',
  /** The server failed while handling the message; it was logged and nothing changed. */
  'internal_error',
  /** No valid credential at the handshake (sign in, or pair the display). */
  'unauthenticated',
  /** The credential does not allow this (e.g. another department's cases). */
  'forbidden',
  /** Too many messages: this one was dropped. Keep flooding and the socket is closed. */
  'rate_limited',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ProtocolError {
  code: ErrorCode;
  message: string;
  /** The client event the error refers to, when there is one. */
  event?: string;
  detail?: unknown;
}

/** Shape of `err.data` on a refused handshake (socket.io `connect_error`). */
export interface HandshakeRefusal {
  code: Extract<ErrorCode, 'protocol_mismatch' | 'bad_message' | 'unauthenticated'>;
  message: string;
  serverProtocol: number;
  /**
   * On `protocol_mismatch`, which side is behind: a client too old gets the matching app by
   * reloading the page (the server serves it); a server too old (a screen that already has a
   * newer app, mid-upgrade) is waited for — reloading would not help.
   */
  incompatibility?: 'client_too_old' | 'server_too_old';
}

export interface ServerToClientEvents {
  hello: (msg: Hello) => void;
  /** A `Snapshot` as JSON text: serialized once per (topic, seq) and shared by every client. */
  snapshot: (json: string) => void;
  deltas: (msg: DeltaBatch) => void;
  subscribed: (msg: Subscribed) => void;
  /** A `SyncReply` as JSON text. */
  synced: (json: string) => void;
  pong: (msg: Ping) => void;
  protocol_error: (msg: ProtocolError) => void;
  shutdown: (msg: Shutdown) => void;
}
