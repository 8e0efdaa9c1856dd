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

export interface Heartbeat {
  /** A pong arrived for ping `id`. */
  pong(id: number): void;
  stop(): void;
}

/**
 * Sends a ping every `intervalMs`; if no pong for the latest ping comes within `timeoutMs`
 * of sending it, calls `onDead` once and stops.
 */
export function startHeartbeat(send: (id: number) => void, onDead: () => void, intervalMs = HEARTBEAT_INTERVAL_MS, timeoutMs = HEARTBEAT_TIMEOUT_MS): Heartbeat {
  let next = 0;
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const beat = () => {
    const id = next++;
    send(id);
    if (deadline === undefined) {
      deadline = setTimeout(() => {
        stop();
        onDead();
      }, timeoutMs);
    }
  };
  const timer = setInterval(beat, intervalMs);
  const stop = () => {
    clearInterval(timer);
    clearTimeout(deadline);
    deadline = undefined;
  };
  return {
    pong(id) {
      // Any answer to the latest ping proves the path works; older ones may be late.
      if (id === next - 1) {
        clearTimeout(deadline);
        deadline = undefined;
      }
    },
    stop,
  };
}
