/**
 * Server-side admission for connect storms: handshakes wait in a queue, first come first
 * served, and are let through a few at a time, one batch per turn of the event loop, so the
 * broadcasts and timers of the clients already connected run between batches. Nobody is
 * turned away or timed out here: a queued handshake waits as long as the queue is.
 */
export class Admission {
  private readonly queue: (() => void)[] = [];
  private scheduled = false;

  constructor(
    private readonly perTurn: number,
    private readonly nextTurn: (run: () => void) => void = setImmediate,
  ) {}

  /** Handshakes waiting. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves when this handshake's turn comes. */
  enter(): Promise<void> {
    return new Promise((resolve) => {
      this.queue.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.nextTurn(() => {
      this.scheduled = false;
      for (const admit of this.queue.splice(0, this.perTurn)) admit();
      if (this.queue.length > 0) this.schedule();
    });
  }
}
