/** A per-route rate limit for @fastify/rate-limit: requests per identity per window. */
export interface RateLimit {
  max: number;
  timeWindow: number;
}
