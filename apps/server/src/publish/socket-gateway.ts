import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import {
  CLIENT_MESSAGE_SCHEMAS,
  PROTOCOL_VERSION,
  handshakeAuthSchema,
  subscribeSchema,
  unsubscribeSchema,
  type ClientToServerEvents,
  type ErrorCode,
  type HandshakeRefusal,
  type ServerToClientEvents,
} from '@cw/contracts';
import type { Clock } from '../clock.ts';
import type { Fanout } from './fanout.ts';
import type { TopicRegistry } from './topics.ts';

type ClientSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface GatewayOptions {
  tickMs: number;
  /** Largest message a client may send, bytes. */
  maxMessageBytes?: number;
}

/**
 * The Socket.IO edge: checks the protocol version at the handshake, validates every client
 * message with the shared schemas, answers subscriptions with a snapshot or the missed
 * deltas, and fans published deltas out through rooms (one room per topic).
 */
export function createSocketGateway(http: HttpServer, topics: TopicRegistry, clock: Clock, log: Logger, options: GatewayOptions) {
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
    maxHttpBufferSize: options.maxMessageBytes ?? 64 * 1024,
    serveClient: false,
    cors: { origin: false },
  });

  io.use((socket, next) => {
    const auth = handshakeAuthSchema.safeParse(socket.handshake.auth);
    const refuse = (data: HandshakeRefusal) => {
      log.info({ socket: socket.id, refused: data.code }, 'handshake refused');
      next(Object.assign(new Error(data.message), { data }));
    };
    if (!auth.success) {
      return refuse({ code: 'bad_message', message: 'handshake auth must carry { protocol: number }', serverProtocol: PROTOCOL_VERSION });
    }
    if (auth.data.protocol !== PROTOCOL_VERSION) {
      return refuse({
        code: 'protocol_mismatch',
        message: `this server speaks protocol ${PROTOCOL_VERSION}, the client ${auth.data.protocol}; reload the page`,
        serverProtocol: PROTOCOL_VERSION,
      });
    }
    next();
  });

  io.on('connection', (socket: ClientSocket) => {
    socket.emit('hello', { protocol: PROTOCOL_VERSION, epoch: topics.epoch, serverTime: clock.now(), tickMs: options.tickMs });

    const fail = (code: ErrorCode, message: string, event?: string, detail?: unknown) => {
      log.warn({ socket: socket.id, code, event, detail }, message);
      socket.emit('protocol_error', { code, message, ...(event ? { event } : {}), ...(detail === undefined ? {} : { detail }) });
    };

    // A handler that throws must cost this one message, never the process.
    const guard =
      <A>(event: string, handler: (arg: A) => void) =>
      (arg: A) => {
        try {
          handler(arg);
        } catch (err) {
          log.error({ err, socket: socket.id, event }, 'socket handler failed');
          fail('internal_error', `the server failed to handle "${event}"`, event);
        }
      };

    socket.on('subscribe', guard('subscribe', (raw) => {
      const msg = subscribeSchema.safeParse(raw);
      if (!msg.success) return fail('bad_message', 'subscribe: invalid message', 'subscribe', msg.error.issues);
      const topic = topics.get(msg.data.topic);
      if (topic === undefined) return fail('unknown_topic', `no such topic: ${msg.data.topic}`, 'subscribe');
      // Join and answer in the same turn: every later broadcast has a higher seq.
      void socket.join(topic.topic);
      const missed = msg.data.since ? topic.deltasSince(msg.data.since) : null;
      if (missed === null) socket.emit('snapshot', topic.snapshot());
      else for (const d of missed) socket.emit('delta', d);
    }));

    socket.on('unsubscribe', guard('unsubscribe', (raw) => {
      const msg = unsubscribeSchema.safeParse(raw);
      if (!msg.success) return fail('bad_message', 'unsubscribe: invalid message', 'unsubscribe', msg.error.issues);
      void socket.leave(msg.data.topic);
    }));

    // Unknown events stop here. The reply is deferred like Socket.IO's own dispatch so
    // that a client gets its replies in the order it sent its messages.
    socket.use(([event], next) => {
      if (typeof event === 'string' && Object.hasOwn(CLIENT_MESSAGE_SCHEMAS, event)) return next();
      process.nextTick(() => fail('unknown_message', `unknown message "${String(event)}"`, String(event)));
    });
  });

  const fanout: Fanout = {
    publish(delta) {
      io.to(delta.topic).emit('delta', delta);
    },
  };
  return { io, fanout };
}
