import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import {
  CLIENT_MESSAGE_SCHEMAS,
  PROTOCOL_VERSION,
  handshakeAuthSchema,
  pingSchema,
  subscribeSchema,
  unsubscribeSchema,
  type ClientToServerEvents,
  type ErrorCode,
  type HandshakeRefusal,
  type Delta,
  type PackedDelta,
  type ServerToClientEvents,
  type StreamPosition,
  type SubscribeMany,
  type SubscribeOne,
  type Topic,
} from '@cw/contracts';
import { packDelta } from '@cw/sync';
import fastifyCookie from '@fastify/cookie';
import { canSubscribe } from '@cw/access';
import type { AuthService, Principal } from '../auth/auth-service.ts';
import { tokenOf } from '../auth/http-auth.ts';
import { originAllowed, requestOrigin, type OriginPolicy } from '../auth/origin.ts';
import type { Clock } from '../clock.ts';
import { Admission } from './admission.ts';
import type { Fanout } from './fanout.ts';
import { TokenBucket } from './token-bucket.ts';
import type { TopicSource, TopicView } from './topics.ts';

/**
 * One set of subscribed topics and its room (see `signatureOf`), shared by every socket
 * subscribed to exactly these topics: a wall holds a reference, not its own copy of twenty
 * topic names and a room name.
 */
interface Subscriptions {
  readonly room: string | undefined;
  readonly topics: ReadonlySet<Topic>;
  members: number;
}
const NO_SUBSCRIPTIONS: Subscriptions = { room: undefined, topics: new Set(), members: 0 };

interface SocketData {
  principal: Principal;
  /** The topics this socket subscribes to, as of the last end of turn. */
  subs: Subscriptions;
  /** The turn (see `turns`) in which its queued bytes were last checked. */
  checkedTurn?: number;
  /** Which second of the minute its credential is checked again (see REVALIDATE_SLICES). */
  slice: number;
}
type ClientSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface GatewayOptions {
  tickMs: number;
  /** Largest message a client may send, bytes. */
  maxMessageBytes?: number;
  /** Which page origins may open a socket (cross-site WebSocket hijacking). */
  origins: OriginPolicy;
  /** Bytes queued for one socket past which it is cut as too slow (it reconnects and resyncs). */
  maxBufferedBytes: number;
}

/**
 * Inbound messages per socket: a burst of 64, then 5 a second (docs/protocol.md). A wall
 * subscribes to one topic per division plus about six at every (re)connect, all at once.
 */
export const MESSAGE_BURST = 64;
export const MESSAGES_PER_SECOND = 5;
/** Dropped messages in a row after which a flooding socket is closed. */
export const MAX_DROPPED_IN_A_ROW = 100;
/** How often every socket's queued bytes are checked (broadcasts go out through rooms). */
const BUFFER_SWEEP_MS = 1000;
/** Open sockets are revalidated once a minute, one slice of them per buffer sweep (each second). */
export const REVALIDATE_SLICES = 60;
/** Handshakes admitted per turn of the event loop during a connect storm. */
export const ADMITTED_PER_TURN = 64;
/** The listening socket's accept queue for connect storms (see app.ts). */
export const LISTEN_BACKLOG = 4096;
/** Longest setTimeout: a queued handshake is never timed out by Socket.IO (`connectTimeout`). */
const NEVER_MS = 2 ** 31 - 1;

/**
 * The room of every socket subscribed to exactly these topics. A tick's deltas go out as
 * one message per such room, serialized once: walls of one city all share one room.
 */
export function signatureOf(topics: Iterable<Topic>): string {
  return `subs:${[...topics].sort().join(',')}`;
}

/**
 * Bytes queued for a socket and not yet taken by the kernel: engine.io's write buffer
 * (packets waiting while the transport is busy) plus, on WebSocket, ws's own buffer.
 */
export function bufferedBytes(socket: Pick<Socket, 'conn'>): number {
  const conn = socket.conn as unknown as { writeBuffer: { data?: unknown }[]; transport: { socket?: { bufferedAmount?: number } } };
  let bytes = 0;
  for (const packet of conn.writeBuffer) {
    if (typeof packet.data === 'string') bytes += Buffer.byteLength(packet.data);
    else if (packet.data instanceof ArrayBuffer || ArrayBuffer.isView(packet.data)) bytes += packet.data.byteLength;
  }
  return bytes + (conn.transport.socket?.bufferedAmount ?? 0);
}

/**
 * The TCP socket under an engine.io connection on WebSocket (ws keeps it as `_socket`), or
 * undefined on HTTP long-polling.
 */
export function tcpOf(conn: object): { cork(): void; uncork(): void } | undefined {
  const tcp = (conn as { transport?: { socket?: { _socket?: unknown } } }).transport?.socket?._socket as { cork?: unknown; uncork?: unknown } | undefined;
  return typeof tcp?.cork === 'function' && typeof tcp.uncork === 'function' ? (tcp as { cork(): void; uncork(): void }) : undefined;
}

/**
 * The Socket.IO edge: checks the protocol version at the handshake, validates every client
 * message with the shared schemas, answers subscriptions with a snapshot or the missed
 * deltas, and fans published deltas out through rooms (one room per topic).
 */
export function createSocketGateway(http: HttpServer, topics: TopicSource, auth: AuthService, clock: Clock, log: Logger, options: GatewayOptions) {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(http, {
    maxHttpBufferSize: options.maxMessageBytes ?? 64 * 1024,
    // Handshakes wait in the admission queue as long as it takes; none is timed out.
    connectTimeout: NEVER_MS,
    serveClient: false,
    cors: { origin: false },
    // Refused before the upgrade: a page elsewhere must not ride the wall's or a user's cookie.
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      if (origin === undefined) return callback(null, true);
      const own = requestOrigin(req.headers.host, 'encrypted' in req.socket && req.socket.encrypted === true, req.headers['x-forwarded-proto'], options.origins.trustProxy);
      const ok = originAllowed(origin, own, options.origins.allowed);
      if (!ok) log.warn({ origin, own }, 'socket from a foreign origin refused');
      callback(ok ? null : 'origin not allowed', ok);
    },
  });

  // Packets queued while a socket's previous write was in flight leave in one flush, each as
  // its own WebSocket frame; with the TCP socket corked around the flush they leave in one
  // system call instead of one each (a wall's ~20 snapshots after it connects).
  const corked = new WeakMap<object, { uncork(): void }>();
  io.engine.on('flush', (conn: object, buffer: unknown[]) => {
    if (buffer.length < 2) return;
    const tcp = tcpOf(conn);
    if (tcp === undefined) return;
    tcp.cork();
    corked.set(conn, tcp);
  });
  io.engine.on('drain', (conn: object) => {
    corked.get(conn)?.uncork();
    corked.delete(conn);
  });

  // Set by shutdown(): a socket opened while the server drains would only be cut again.
  let stopping = false;
  const admission = new Admission(ADMITTED_PER_TURN);
  io.use((_socket, next) => {
    if (stopping) return next(new Error('the server is stopping'));
    admission.enter().then(() => next(), next);
  });
  io.use((socket, next) => {
    if (stopping) return next(new Error('the server is stopping'));
    const handshake = handshakeAuthSchema.safeParse(socket.handshake.auth);
    const refuse = (data: HandshakeRefusal) => {
      log.info({ socket: socket.id, refused: data.code }, 'handshake refused');
      next(Object.assign(new Error(data.message), { data }));
    };
    if (!handshake.success) {
      return refuse({ code: 'bad_message', message: 'handshake auth must carry { protocol: number }', serverProtocol: PROTOCOL_VERSION });
    }
    if (handshake.data.protocol !== PROTOCOL_VERSION) {
      const clientTooOld = handshake.data.protocol < PROTOCOL_VERSION;
      return refuse({
        code: 'protocol_mismatch',
        message: clientTooOld
          ? `this server speaks protocol ${PROTOCOL_VERSION}, the client ${handshake.data.protocol}: reload the page`
          : `the client speaks protocol ${handshake.data.protocol}, newer than this server's ${PROTOCOL_VERSION}: waiting for the server's upgrade`,
        serverProtocol: PROTOCOL_VERSION,
        incompatibility: clientTooOld ? 'client_too_old' : 'server_too_old',
      });
    }
    // Browsers send the session or display cookie; other clients pass a token.
    const cookies = fastifyCookie.parse(socket.request.headers.cookie ?? '');
    const token = handshake.data.token ?? tokenOf(cookies, socket.request.headers.authorization);
    auth.resolve(token).then(
      (principal) => {
        if (principal === null) return refuse({ code: 'unauthenticated', message: 'sign in, or pair this display', serverProtocol: PROTOCOL_VERSION });
        if (principal.mustChangePassword) return refuse({ code: 'unauthenticated', message: 'change the one-time password first', serverProtocol: PROTOCOL_VERSION });
        socket.data.principal = principal;
        socket.data.subs = NO_SUBSCRIPTIONS;
        next();
      },
      (err: unknown) => next(err as Error),
    );
  });

  // A client too slow to take what it is sent is cut before its queue eats the memory.
  const cutIfSlow = (socket: ClientSocket): boolean => {
    const bytes = bufferedBytes(socket);
    if (bytes <= options.maxBufferedBytes) return false;
    log.warn({ socket: socket.id, bytes }, 'slow socket disconnected');
    socket.disconnect(true);
    return true;
  };

  /**
   * A turn's replies and fan-out, sent together once the turn is over (one setImmediate):
   * first every socket whose subscriptions changed moves to its new room, then each topic's
   * snapshot goes to every socket that asked for it in the turn as one broadcast (encoded and
   * framed once, however many walls reconnect at once), then the turn's deltas. A snapshot so
   * always reaches a socket before deltas it already contains, which the client drops as
   * duplicates: no gap, no second snapshot.
   */
  /** Sockets whose subscriptions changed in this turn, with their topics as they now stand. */
  const moved = new Map<ClientSocket, Set<Topic>>();
  const snapshotsWanted = new Map<Topic, Set<ClientSocket>>();
  let pending: Delta[] = [];
  let turnScheduled = false;
  const endOfTurnSoon = () => {
    if (turnScheduled) return;
    turnScheduled = true;
    setImmediate(endOfTurn);
  };
  const topicsOf = (socket: ClientSocket): ReadonlySet<Topic> => moved.get(socket) ?? socket.data.subs.topics;
  /** The socket's topics to change in this turn; its room follows at the end of the turn. */
  const editTopics = (socket: ClientSocket): Set<Topic> => {
    let edited = moved.get(socket);
    if (edited === undefined) {
      edited = new Set(socket.data.subs.topics);
      moved.set(socket, edited);
      endOfTurnSoon();
    }
    return edited;
  };

  /**
   * Each delta packed once: a tick's fan-out and every reconnecting wall that missed it (a
   * storm's late walls each miss dozens) share the packed form. The log holds the deltas, so
   * the cache lives as long as they do.
   */
  const packedOf = new WeakMap<Delta, PackedDelta>();
  const packed = (d: Delta): PackedDelta => {
    let p = packedOf.get(d);
    if (p === undefined) packedOf.set(d, (p = packDelta(d)));
    return p;
  };

  /** Every subscription set in use, by room. */
  const subscriptions = new Map<string, Subscriptions>();
  const resign = (socket: ClientSocket, topics: ReadonlySet<Topic>) => {
    const old = socket.data.subs;
    const room = topics.size === 0 ? undefined : signatureOf(topics);
    if (old.room === room) return;
    if (old.room !== undefined) {
      void socket.leave(old.room);
      if (--old.members === 0) subscriptions.delete(old.room);
    }
    let next = NO_SUBSCRIPTIONS;
    if (room !== undefined) {
      next = subscriptions.get(room) ?? { room, topics: new Set(topics), members: 0 };
      if (next.members === 0) subscriptions.set(room, next);
      next.members += 1;
      // The shared room name: the adapter keeps this string, not a copy per socket.
      void socket.join(next.room!);
    }
    socket.data.subs = next;
  };

  // Per-socket handlers are shared functions (Socket.IO calls them with the socket as
  // `this`): ten thousand walls do not each hold a set of closures.
  const fail = (socket: ClientSocket, code: ErrorCode, message: string, event?: string, detail?: unknown) => {
    log.warn({ socket: socket.id, code, event, detail }, message);
    socket.emit('protocol_error', { code, message, ...(event ? { event } : {}), ...(detail === undefined ? {} : { detail }) });
  };
  // A handler that throws must cost this one message, never the process.
  const guard =
    (event: string, handler: (socket: ClientSocket, arg: unknown) => void) =>
    function (this: ClientSocket, arg: unknown) {
      try {
        handler(this, arg);
      } catch (err) {
        log.error({ err, socket: this.id, event }, 'socket handler failed');
        fail(this, 'internal_error', `the server failed to handle "${event}"`, event);
      }
    };
  /** Ends of turn so far: the slow-socket check runs once per socket per turn. */
  let turns = 0;

  /** `subscribe { topics }` of this turn, answered at its end: per socket, each topic's position and whether it was already subscribed. */
  const syncsWanted = new Map<ClientSocket, Map<Topic, { since?: StreamPosition; already: boolean }>>();

  const onSubscribe = guard('subscribe', (socket, raw) => {
    const msg = subscribeSchema.safeParse(raw);
    if (!msg.success) return fail(socket, 'bad_message', 'subscribe: invalid message', 'subscribe', msg.error.issues);
    if ('topics' in msg.data) subscribeMany(socket, msg.data);
    else subscribeOne(socket, msg.data);
  });
  // Once a turn: a socket's queue is summed byte by byte.
  const slowThisTurn = (socket: ClientSocket): boolean => {
    if (socket.data.checkedTurn === turns) return false;
    socket.data.checkedTurn = turns;
    return cutIfSlow(socket);
  };
  const subscribeOne = (socket: ClientSocket, msg: SubscribeOne) => {
    const topic = topics.get(msg.topic);
    if (topic === undefined) return fail(socket, 'unknown_topic', `no such topic: ${msg.topic}`, 'subscribe');
    const principal = socket.data.principal;
    if (!canSubscribe(principal, topic.topic)) return fail(socket, 'forbidden', `${principal.role} may not subscribe to ${topic.topic}`, 'subscribe');
    if (slowThisTurn(socket)) return;
    // A socket already subscribed is sent every delta anyway: never a second snapshot.
    const already = topicsOf(socket).has(topic.topic);
    // The room changes at the end of the turn, before that turn's deltas go out, so a
    // delta published but not yet flushed reaches this socket too (sent again after the
    // missed deltas below, the client drops it as a duplicate): no gap.
    editTopics(socket).add(topic.topic);
    const missed = msg.since ? topic.deltasSince(msg.since) : null;
    if (missed !== null && missed.length > 0) socket.emit('deltas', { epoch: topics.epoch, deltas: missed.map(packed) });
    else if (missed === null && !already) {
      const wanting = snapshotsWanted.get(topic.topic);
      if (wanting === undefined) snapshotsWanted.set(topic.topic, new Set([socket]));
      else wanting.add(socket);
    } else socket.emit('subscribed', { topic: topic.topic, ...topic.position });
  };
  /**
   * Every topic of a screen in one message. Topics that do not exist or may not be read are
   * refused in one `protocol_error` naming them; the others are subscribed. The answer is
   * worked out at the end of the turn (see `endOfTurn`).
   */
  const subscribeMany = (socket: ClientSocket, msg: SubscribeMany) => {
    const principal = socket.data.principal;
    const unknown: string[] = [];
    const forbidden: string[] = [];
    const accepted: SubscribeOne[] = [];
    for (const t of msg.topics) {
      const view = topics.get(t.topic);
      if (view === undefined) unknown.push(t.topic);
      else if (!canSubscribe(principal, view.topic)) forbidden.push(t.topic);
      else accepted.push(t);
    }
    if (unknown.length > 0 || forbidden.length > 0) {
      const code = unknown.length > 0 ? 'unknown_topic' : 'forbidden';
      const said = [...(unknown.length > 0 ? [`no such topic: ${unknown.join(', ')}`] : []), ...(forbidden.length > 0 ? [`${principal.role} may not subscribe to ${forbidden.join(', ')}`] : [])];
      fail(socket, code, said.join('; '), 'subscribe', { unknown, forbidden });
    }
    if (accepted.length === 0 || slowThisTurn(socket)) return;
    const current = topicsOf(socket);
    let wanted = syncsWanted.get(socket);
    if (wanted === undefined) syncsWanted.set(socket, (wanted = new Map()));
    const edited = editTopics(socket);
    for (const t of accepted) {
      wanted.set(t.topic, { ...(t.since === undefined ? {} : { since: t.since }), already: wanted.get(t.topic)?.already ?? current.has(t.topic) });
      edited.add(t.topic);
    }
    endOfTurnSoon();
  };
  /**
   * The turn's `subscribe { topics }` answered, each as one `synced` text: sockets asking the
   * same (a reconnect storm: every wall of a city after a restart) get one text, encoded and
   * framed once. Worked out after the rooms moved and before the turn's deltas go out, so
   * what a reply holds is at least as new as the deltas that follow it (duplicates, dropped).
   */
  const answerSyncs = () => {
    const groups = new Map<string, { reply: string; ids: string[] }>();
    for (const [socket, wanted] of syncsWanted) {
      if (!socket.connected) continue;
      // The key first: the reply itself (its deltas packed, its text joined) is built once
      // per group, not once per socket (a storm's walls ask from the same few positions).
      const parts: string[] = [];
      const plan: { view: TopicView; missed: Delta[] | null }[] = [];
      for (const [name, { since, already }] of wanted) {
        const view = topics.get(name);
        if (view === undefined || !socket.data.subs.topics.has(name)) continue;
        const missed = since === undefined ? null : view.deltasSince(since);
        if (missed !== null && missed.length > 0) {
          parts.push(`${name} d${since!.seq}`);
          plan.push({ view, missed });
        } else if (missed === null && !already) {
          parts.push(`${name} s`);
          plan.push({ view, missed: null });
        } else {
          parts.push(`${name} c`);
          plan.push({ view, missed: [] });
        }
      }
      const key = parts.join('\n');
      const group = groups.get(key);
      if (group !== undefined) {
        group.ids.push(socket.id);
        continue;
      }
      const snapshots: string[] = [];
      const deltas: PackedDelta[] = [];
      const current: [Topic, number][] = [];
      for (const { view, missed } of plan) {
        if (missed === null) snapshots.push(topics.snapshotText(view));
        else if (missed.length > 0) for (const d of missed) deltas.push(packed(d));
        else current.push([view.topic, view.position.seq]);
      }
      const reply = `{"epoch":${JSON.stringify(topics.epoch)},"snapshots":[${snapshots.join(',')}],"deltas":${JSON.stringify(deltas)},"current":${JSON.stringify(current)}}`;
      groups.set(key, { reply, ids: [socket.id] });
    }
    syncsWanted.clear();
    for (const { reply, ids } of groups.values()) io.local.to(ids).emit('synced', reply);
  };
  const onPing = guard('ping', (socket, raw) => {
    const msg = pingSchema.safeParse(raw);
    if (!msg.success) return fail(socket, 'bad_message', 'ping: invalid message', 'ping', msg.error.issues);
    socket.emit('pong', msg.data);
  });
  const onUnsubscribe = guard('unsubscribe', (socket, raw) => {
    const msg = unsubscribeSchema.safeParse(raw);
    if (!msg.success) return fail(socket, 'bad_message', 'unsubscribe: invalid message', 'unsubscribe', msg.error.issues);
    editTopics(socket).delete(msg.data.topic);
  });
  const onDisconnect = function (this: ClientSocket) {
    moved.delete(this);
    syncsWanted.delete(this);
    resign(this, NO_SUBSCRIPTIONS.topics);
  };

  let connections = 0;
  io.on('connection', (socket: ClientSocket) => {
    socket.data.slice = connections++ % REVALIDATE_SLICES;
    socket.on('disconnect', onDisconnect);
    const principal = socket.data.principal;
    // Rooms by identity and by credential, so revoking either cuts the socket.
    void socket.join([`user:${principal.id}`, `token:${principal.tokenHash}`]);
    socket.emit('hello', { protocol: PROTOCOL_VERSION, epoch: topics.epoch, serverTime: clock.now(), tickMs: options.tickMs });
    socket.on('subscribe', onSubscribe);
    socket.on('ping', onPing);
    socket.on('unsubscribe', onUnsubscribe);

    // Flooding costs the flooder: over the rate a message is dropped (said once per run),
    // and a socket that keeps on is closed. Unknown events stop here too. Replies are
    // deferred like Socket.IO's own dispatch, so a client gets them in the order it sent.
    const bucket = new TokenBucket(MESSAGE_BURST, MESSAGES_PER_SECOND, performance.now());
    let dropped = 0;
    socket.use(([event], next) => {
      if (!bucket.take(performance.now())) {
        dropped += 1;
        if (dropped === 1) process.nextTick(() => fail(socket, 'rate_limited', `more than ${MESSAGES_PER_SECOND} messages a second: dropped`, String(event)));
        if (dropped === MAX_DROPPED_IN_A_ROW) {
          process.nextTick(() => {
            log.warn({ socket: socket.id }, 'flooding socket disconnected');
            socket.disconnect(true);
          });
        }
        return;
      }
      dropped = 0;
      if (typeof event === 'string' && Object.hasOwn(CLIENT_MESSAGE_SCHEMAS, event)) return next();
      process.nextTick(() => fail(socket, 'unknown_message', `unknown message "${String(event)}"`, String(event)));
    });
  });

  const endOfTurn = () => {
    turnScheduled = false;
    turns += 1;
    for (const [socket, topics] of moved) resign(socket, topics);
    moved.clear();
    answerSyncs();
    for (const [topic, wanting] of snapshotsWanted) {
      const view = topics.get(topic);
      const ids: string[] = [];
      for (const socket of wanting) if (socket.connected && socket.data.subs.topics.has(topic)) ids.push(socket.id);
      if (view !== undefined && ids.length > 0) io.local.to(ids).emit('snapshot', topics.snapshotText(view));
    }
    snapshotsWanted.clear();
    flush();
  };
  // Deltas published in one turn (a tick publishes every topic's) go out together once the
  // turn is over: one message per subscription room, each serialized once.
  const flush = () => {
    if (pending.length === 0) return;
    const byTopic = new Map<Topic, PackedDelta[]>();
    for (const d of pending) {
      const list = byTopic.get(d.topic);
      if (list === undefined) byTopic.set(d.topic, [packed(d)]);
      else list.push(packed(d));
    }
    pending = [];
    for (const [room, { topics: subscribed }] of subscriptions) {
      const deltas: PackedDelta[] = [];
      for (const t of subscribed) {
        const list = byTopic.get(t);
        if (list !== undefined) deltas.push(...list);
      }
      // Local: in a cluster every node gets each delta from its own mirror of the log.
      if (deltas.length > 0) io.local.to(room).emit('deltas', { epoch: topics.epoch, deltas });
    }
  };
  const fanout: Fanout = {
    publish(delta) {
      pending.push(delta);
      endOfTurnSoon();
    },
  };
  // Sessions also end by expiry: every socket is looked over once a minute, a sixtieth of
  // them each second. All at once, ten thousand walls' credential reads (synchronous SQLite)
  // would hold up the tick that falls in that turn by a few hundred ms, once a minute.
  let second = 0;
  const sweep = setInterval(() => {
    const slice = second++ % REVALIDATE_SLICES;
    for (const socket of io.sockets.sockets.values()) {
      if (cutIfSlow(socket) || socket.data.slice !== slice) continue;
      auth.stillValid(socket.data.principal).then(
        (ok) => ok || socket.disconnect(true),
        (err: unknown) => log.error({ err }, 'socket revalidation failed'),
      );
    }
  }, BUFFER_SWEEP_MS);
  const stop = () => {
    clearInterval(sweep);
  };
  io.engine.on('close', stop);
  http.on('close', stop);

  /** Disconnects the sockets of a disabled user or a revoked session or credential. */
  const cut = (p: { userId?: string; tokenHash?: string }) => {
    if (p.userId !== undefined) io.in(`user:${p.userId}`).disconnectSockets(true);
    if (p.tokenHash !== undefined) io.in(`token:${p.tokenHash}`).disconnectSockets(true);
  };
  /**
   * A graceful stop: every socket is told `shutdown` (reconnect soon, not an error), then
   * disconnected (engine.io sends what is queued before it closes the transport), and new
   * handshakes are refused. The HTTP server is closed by its owner.
   */
  const shutdown = (): void => {
    stopping = true;
    // Local: with the cluster adapter, io.emit would reach every node's sockets.
    io.local.emit('shutdown', { epoch: topics.epoch });
    io.local.disconnectSockets(true);
    stop();
  };
  return { io, fanout, cut, shutdown };
}
