/**
 * Reconnect timing for screens without a keyboard: they retry forever, with exponential
 * back-off so a fleet of walls does not hammer a recovering server, and jitter so they do
 * not all come back in the same instant.
 */
export const RETRY_BASE_MS = 500;
export const RETRY_CAP_MS = 30_000;

/** Delay before retry number `attempt` (0-based): half fixed, half random, capped. */
export function backoffDelay(attempt: number, random: () => number = Math.random, baseMs = RETRY_BASE_MS, capMs = RETRY_CAP_MS): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + random() * (ceiling / 2);
}

export const HEARTBEAT_INTERVAL_MS = 5000;
export const HEARTBEAT_TIMEOUT_MS = 10_000;
/**
 * A deadline that fires this much later than it was due says that this client's own event
 * loop was stalled (a busy tab, a starved process), not that the server went quiet: the
 * answer may be waiting unread behind the timer.
 */
export const HEARTBEAT_LATE_MS = 1000;

export interface Heartbeat {
  /** A pong arrived. */
  pong(id: number): void;
  /** Anything else arrived from the server: the connection is alive, and the next ping is not needed. */
  heard(): void;
  stop(): void;
}

/**
 * Pings only a server that has been silent: every `intervalMs`, a ping is sent unless
 * something other than a pong arrived since the previous interval (a wall hears a tick's
 * deltas every second, so it never needs to ask; ten thousand walls pinging every 5 s were a
 * third of the server's steady CPU, in and out). Calls `onDead` once (and stops) when
 * nothing at all (a pong or any other message) arrived within `timeoutMs` of the oldest ping
 * still unanswered. A deadline that fires more than `HEARTBEAT_LATE_MS` late is set again
 * instead: the client itself was stalled, so the silence proves nothing.
 */
export function startHeartbeat(send: (id: number) => void, onDead: () => void, intervalMs = HEARTBEAT_INTERVAL_MS, timeoutMs = HEARTBEAT_TIMEOUT_MS, now: () => number = Date.now): Heartbeat {
  let next = 0;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  let dueAt = 0;
  /** Something other than a pong arrived since the last interval. */
  let spoken = false;
  const arm = () => {
    dueAt = now() + timeoutMs;
    deadline = setTimeout(expire, timeoutMs);
  };
  const expire = () => {
    deadline = undefined;
    if (now() - dueAt > HEARTBEAT_LATE_MS) return arm();
    stop();
    onDead();
  };
  const beat = () => {
    if (spoken) {
      spoken = false;
      return;
    }
    send(next++);
    if (deadline === undefined) arm();
  };
  const timer = setInterval(beat, intervalMs);
  const answered = () => {
    if (deadline === undefined) return;
    clearTimeout(deadline);
    deadline = undefined;
  };
  const heard = () => {
    spoken = true;
    answered();
  };
  const stop = () => {
    clearInterval(timer);
    answered();
  };
  return { pong: answered, heard, stop };
}
