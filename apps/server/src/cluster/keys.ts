/** Every Redis key a cluster uses, under one prefix so that several cities can share a Redis. */
export function clusterKeys(prefix: string) {
  return {
    /** The epoch of the topic logs: set once by the first node, kept across writer changes. */
    epoch: `${prefix}epoch`,
    /** The shared simulated clock's origin (JSON), when the city runs on simulated time. */
    clock: `${prefix}clock`,
    /** The writer's lease: "fence|node|url", with a time to live renewed by the writer. */
    leader: `${prefix}leader`,
    /** The fencing counter: each new lease gets the next number. */
    fence: `${prefix}fence`,
    /** One stream of every topic's deltas, in publication order. */
    deltas: `${prefix}deltas`,
    /** Hash topic → seq of its last delta. */
    seqs: `${prefix}seqs`,
    /** Hash per topic: entry key → entry JSON, the topic's current state. */
    snapshot: (topic: string) => `${prefix}snap:${topic}`,
    /** Set of topic names that have a stored state. */
    topics: `${prefix}topics`,
    /** When the writer last finished a tick (ms since the epoch), for every node's /readyz. */
    tick: `${prefix}tick`,
    /** Pub/sub channel: shared state changed (settings), reload it. */
    changes: `${prefix}changes`,
    /** HTTP rate-limit counters (@fastify/rate-limit's Redis store), one key per route and caller. */
    rateLimit: `${prefix}rl:`,
    /** Anonymous API requests per address, one key per address and minute. */
    anonymous: `${prefix}anon:`,
    /** Stream of the Socket.IO adapter (rooms and revocation across nodes). */
    socketio: `${prefix}socket.io`,
  };
}
export type ClusterKeys = ReturnType<typeof clusterKeys>;
