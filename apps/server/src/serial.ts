/**
 * Runs async tasks one at a time, in submission order. The rollup engine is mutated only
 * through one of these, so a storage await can never interleave an ingest with a window
 * closing (which would let an acknowledged event miss its window).
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
