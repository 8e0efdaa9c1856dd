interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for small appends over PostgreSQL (the audit log): every write request adds one
 * entry, and a statement each would cost each request a commit (a WAL flush) and a round trip
 * of its own. The entries added in one turn of the event loop, and those added while a group
 * is being written, go in one statement (one transaction) — one group at a time, so groups
 * grow with the load. Each caller's promise settles only once the statement holding its
 * entry has committed. If a group fails, its entries are written again one by one, so that
 * one entry's failure is not the others'.
 */
export class PgGroupCommit<T> {
  private pending: Waiting<T>[] = [];
  private scheduled = false;
  /** The group being written, if any. */
  private writing: Promise<void> | null = null;

  constructor(private readonly write: (items: readonly T[]) => Promise<void>) {}

  /** Resolves once `item` is committed; rejects if it could not be. */
  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves once everything added before the call is committed or has failed (before a read of the same table, or closing). */
  async settled(): Promise<void> {
    while (this.writing !== null || this.pending.length > 0) {
      if (this.writing === null) this.writing = this.writeGroup();
      await this.writing;
    }
  }

  private schedule(): void {
    if (this.scheduled || this.writing !== null) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (this.writing === null) this.writing = this.writeGroup();
    });
  }

  private async writeGroup(): Promise<void> {
    const group = this.pending;
    this.pending = [];
    try {
      if (group.length > 0) await this.commit(group);
    } finally {
      this.writing = null;
      // Entries added meanwhile: the next group, at once.
      if (this.pending.length > 0) this.writing = this.writeGroup();
    }
  }

  private async commit(group: Waiting<T>[]): Promise<void> {
    try {
      await this.write(group.map((w) => w.item));
    } catch (err) {
      if (group.length === 1) {
        group[0]!.reject(err);
        return;
      }
      for (const w of group) {
        try {
          await this.write([w.item]);
          w.resolve();
        } catch (e) {
          w.reject(e);
        }
      }
      return;
    }
    for (const w of group) w.resolve();
  }
}
