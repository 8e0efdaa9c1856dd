import { io, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type Delta,
  type EntryOf,
  type HandshakeRefusal,
  type ProtocolError,
  shutdownSchema,
  type ServerToClientEvents,
  type Topic,
  type TopicEntries,
} from '@cw/contracts';
import { TopicReplica, parseSyncReply, unpackDeltas } from '@cw/sync';
import { RETRY_BASE_MS, RETRY_CAP_MS, backoffDelay, startHeartbeat, type Heartbeat } from './retry.ts';

/**
 * `connecting` before the first connection, `live` while connected, `offline` while
 * reconnecting, `incompatible` when the server refused our protocol version (still retried:
 * the screen should reload to get the matching app), and `unauthenticated` when it refused
 * our credential (final: sign in or pair).
 */
export type ConnectionState = 'connecting' | 'live' | 'offline' | 'incompatible' | 'unauthenticated';

/**
 * Why the client is not live: the network or server is unreachable, the server refused the
 * handshake (other than for the credential), the server closed the connection, the server
 * said it is stopping (a restart or deploy: not an error), the heartbeat went unanswered,
 * or the protocol versions differ.
 */
export type OfflineReason = 'network' | 'refused' | 'server_closed' | 'server_restarting' | 'heartbeat_timeout' | 'protocol_mismatch' | 'unauthenticated';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Server epoch of the current connection. */
  epoch?: string;
  /** serverTime − local time at hello, ms: screens show the server's (possibly simulated) time. */
  clockOffsetMs: number;
  refusal?: HandshakeRefusal;
  /** Set whenever the state is not `live`. */
  reason?: OfflineReason;
  lastError?: ProtocolError;
}

export interface LiveClientOptions {
  /** Server origin; omit in the browser to use the page's origin. */
  url?: string;
  topics: readonly Topic[];
  onEntries: (topic: Topic, entries: TopicEntries) => void;
  onStatus?: (status: ConnectionStatus) => void;
  /** A session token, display token or API key; browsers use their cookies instead. */
  token?: string;
  /** For tests of the version check only. */
  protocol?: number;
  /** Ceiling of the reconnect back-off, ms. */
  reconnectDelayMaxMs?: number;
  /** Application heartbeat: ping every this many ms… */
  heartbeatIntervalMs?: number;
  /** …and reconnect when the latest ping is unanswered this long. */
  heartbeatTimeoutMs?: number;
}

export interface LiveClient {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  status(): ConnectionStatus;
  entries<T extends Topic>(topic: T): Record<string, EntryOf<T>>;
  subscribe(topic: Topic): void;
  unsubscribe(topic: Topic): void;
  close(): void;
}

/**
 * Connects to the server and keeps one replica per subscribed topic equal to the server's
 * state: snapshot, then consecutive deltas; on a gap, or after any reconnect (including to
 * a restarted server), it re-subscribes from its last position and the server answers with
 * the missed deltas or a fresh snapshot. Does not rely on Socket.IO's own recovery.
 */
export function connectLive(options: LiveClientOptions): LiveClient {
  const replicas = new Map<Topic, TopicReplica>();
  const resyncing = new Set<Topic>();
  let status: ConnectionStatus = { state: 'connecting', clockOffsetMs: 0 };
  let closed = false;
  const setStatus = (patch: Partial<ConnectionStatus>) => {
    const { reason: _gone, ...rest } = status;
    status = { ...rest, ...patch };
    options.onStatus?.(status);
  };
  const delayMax = options.reconnectDelayMaxMs ?? RETRY_CAP_MS;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Our own retries, where Socket.IO gives up (a refused handshake, a server-side close). */
  const retry = () => {
    if (closed || retryTimer !== undefined) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (!closed && !socket.connected) socket.connect();
    }, backoffDelay(attempt++, Math.random, RETRY_BASE_MS, delayMax));
  };
  let heartbeat: Heartbeat | undefined;
  let heartbeatDead = false;
  /** The server announced `shutdown`: its disconnect that follows is a restart, not a failure. */
  let serverStopping = false;

  const socketOptions = {
    auth: { protocol: options.protocol ?? PROTOCOL_VERSION, ...(options.token === undefined ? {} : { token: options.token }) },
    transports: ['websocket', 'polling'],
    reconnectionDelay: RETRY_BASE_MS,
    reconnectionDelayMax: delayMax,
    randomizationFactor: 0.5,
  };
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> =
    options.url === undefined ? io(socketOptions) : io(options.url, socketOptions);

  /** One `subscribe` for all the topics, each from the position its replica holds. */
  const sendSubscribe = (list: Iterable<Topic>) => {
    const wanted = [...list].map((topic) => {
      const since = replicas.get(topic)?.position;
      return since ? { topic, since } : { topic };
    });
    if (wanted.length > 0) socket.emit('subscribe', { topics: wanted });
  };

  socket.on('connect', () => {
    sendSubscribe(replicas.keys());
    heartbeat?.stop();
    heartbeat = startHeartbeat(
      (id) => socket.emit('ping', { id }),
      () => {
        // A half-open connection: drop it and start over.
        heartbeatDead = true;
        socket.disconnect();
      },
      options.heartbeatIntervalMs,
      options.heartbeatTimeoutMs,
    );
  });
  socket.on('pong', (p) => heartbeat?.pong(p.id));
  // Deltas every tick prove the connection as well as a pong does, and make pings needless.
  socket.onAny((event) => event === 'pong' || heartbeat?.heard());
  socket.on('shutdown', (raw) => {
    if (!shutdownSchema.safeParse(raw).success) return;
    serverStopping = true;
    // A fresh back-off: come back within a second, jittered so a fleet of walls does not
    // reconnect in the same instant, and slower only if the server stays away.
    attempt = 0;
  });
  socket.on('hello', (h) => {
    attempt = 0;
    setStatus({ state: 'live', epoch: h.epoch, clockOffsetMs: h.serverTime - Date.now() });
  });
  /** Applies deltas in order: each replica updated, the topics that changed added to `changed`, gaps repaired in one `subscribe`. */
  const applyDeltas = (deltas: Iterable<Delta>, changed: Set<Topic>) => {
    const gaps: Topic[] = [];
    for (const d of deltas) {
      const rep = replicas.get(d.topic);
      if (rep === undefined) continue;
      const outcome = rep.applyDelta(d);
      if (outcome === 'applied') {
        resyncing.delete(d.topic);
        changed.add(d.topic);
      } else if (outcome === 'gap' && !resyncing.has(d.topic)) {
        resyncing.add(d.topic);
        gaps.push(d.topic);
      }
    }
    sendSubscribe(gaps);
  };
  socket.on('synced', (json) => {
    const reply = parseSyncReply(json);
    if (reply === null) return;
    const changed = new Set<Topic>();
    for (const s of reply.snapshots) {
      const rep = replicas.get(s.topic);
      if (rep === undefined) continue;
      rep.applySnapshot(s);
      resyncing.delete(s.topic);
      changed.add(s.topic);
    }
    applyDeltas(reply.deltas, changed);
    // Current already: the stream is whole again, and the deltas that follow continue it.
    for (const c of reply.current) resyncing.delete(c.topic);
    for (const topic of changed) options.onEntries(topic, replicas.get(topic)!.entries);
  });
  socket.on('deltas', (batch) => {
    // Every topic's change of one tick: each replica updated, then each listener told once.
    const changed = new Set<Topic>();
    applyDeltas(unpackDeltas(batch), changed);
    for (const topic of changed) options.onEntries(topic, replicas.get(topic)!.entries);
  });
  socket.on('protocol_error', (e) => setStatus({ lastError: e }));
  socket.on('connect_error', (err) => {
    const data = (err as Error & { data?: HandshakeRefusal }).data;
    if (data?.code === 'unauthenticated') {
      setStatus({ state: 'unauthenticated', refusal: data, reason: 'unauthenticated' });
      return;
    }
    if (data?.code === 'protocol_mismatch') setStatus({ state: 'incompatible', refusal: data, reason: 'protocol_mismatch' });
    else setStatus({ state: status.state === 'connecting' ? 'connecting' : 'offline', reason: socket.active ? 'network' : 'refused' });
    // Socket.IO retries transport failures itself but gives up on a refused handshake.
    if (!socket.active) retry();
  });
  socket.on('disconnect', (reason) => {
    resyncing.clear();
    heartbeat?.stop();
    heartbeat = undefined;
    if (closed) return;
    const byHeartbeat = heartbeatDead;
    const restarting = serverStopping;
    heartbeatDead = false;
    serverStopping = false;
    setStatus({
      state: 'offline',
      reason: byHeartbeat ? 'heartbeat_timeout' : restarting ? 'server_restarting' : reason === 'io server disconnect' ? 'server_closed' : 'network',
    });
    // Socket.IO does not reconnect after a close by either end; a wall must come back.
    if (byHeartbeat) socket.connect();
    else if (!socket.active) retry();
  });

  for (const topic of options.topics) replicas.set(topic, new TopicReplica());

  return {
    socket,
    status: () => status,
    // The server only ever puts a topic's own entry type in it (see EntryOf).
    entries: <T extends Topic>(topic: T) => (replicas.get(topic)?.entries ?? {}) as Record<string, EntryOf<T>>,
    subscribe(topic) {
      if (replicas.has(topic)) return;
      replicas.set(topic, new TopicReplica());
      if (socket.connected) sendSubscribe([topic]);
    },
    unsubscribe(topic) {
      if (!replicas.delete(topic)) return;
      resyncing.delete(topic);
      if (socket.connected) socket.emit('unsubscribe', { topic });
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      heartbeat?.stop();
      socket.close();
    },
  };
}
