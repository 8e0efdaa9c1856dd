import type { Delta } from '@cw/contracts';

/**
 * Delivers a published delta to every client subscribed to its topic. The Socket.IO
 * implementation uses rooms, so with the Redis adapter it reaches clients on every node.
 */
export interface Fanout {
  publish(delta: Delta): void;
}
