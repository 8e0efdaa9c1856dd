import type Database from 'better-sqlite3';

interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for small appends (the audit log): every write request adds one entry, and
 * with `synchronous=FULL` a transaction each would cost each request an fsync of its own.
 * Entries added in one turn of the event loop are written together in one transaction just
 * after it, or earlier inside another transaction that commits first (the event journal's),
 * whichever comes first. Each caller's promise settles only once the transaction holding its
 * entry has committed: nothing is acknowledged before it is on disk.
 */
export class GroupCommit<T> {
  private pending: Waiting<T>[] = [];
  private scheduled = false;
  private readonly commitAlone: (items: readonly T[]) => void;

  constructor(
    db: Database.Database,
    private readonly write: (item: T) => void,
  ) {
    this.commitAlone = db.transaction((items: readonly T[]) => {
      for (const item of items) this.write(item);
    });
  }

  /** Resolves once `item` is committed; rejects if its transaction failed. */
  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Writes what is pending now, in a transaction of its own (before a read of the same table, or closing). */
  flush(): void {
    const batch = this.take();
    if (batch.length === 0) return;
    try {
      this.commitAlone(batch.map((w) => w.item));
    } catch (err) {
      for (const w of batch) w.reject(err);
      return;
    }
    for (const w of batch) w.resolve();
  }

  /**
   * For a caller inside its own open transaction: writes the pending entries into it and
   * returns what to call once that transaction has ended. Committed: their callers are told.
   * Failed: the entries go back to wait for a transaction of their own, so that another
   * write's failure is not theirs.
   */
  join(): (committed: boolean) => void {
    const batch = this.take();
    if (batch.length === 0) return () => {};
    try {
      for (const w of batch) this.write(w.item);
    } catch (err) {
      this.requeue(batch);
      throw err;
    }
    return (committed) => {
      if (committed) {
        for (const w of batch) w.resolve();
        return;
      }
      this.requeue(batch);
    };
  }

  private requeue(batch: Waiting<T>[]): void {
    this.pending.unshift(...batch);
    this.schedule();
  }

  private take(): Waiting<T>[] {
    const batch = this.pending;
    this.pending = [];
    return batch;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }
}
