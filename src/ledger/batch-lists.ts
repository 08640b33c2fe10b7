/**
 * Per batch with an id, the transfer index of each of its legs, in order: a list of its own, or,
 * for a batch whose legs were stored as consecutive transfers with consecutive journal entries
 * (postStepLegs' column path: every settlement), only where that range starts. Such a batch's
 * rows then need no per-row link at all: its transfer `first + n` is leg `n`, and its journal
 * entry `entry + n` records transfer `first + n` with that transfer's amount. Settlement posts
 * some 3,100 legs an interval in a district simulation, and writing those links (a transfer's leg
 * number, an entry's transfer and amount, the batch's list) into memory not in the cache was a
 * third of its posting time. Readers go through LedgerState's `entryTransferOf`,
 * `entryAmountOf` and `legOf`, and through `at` and `length` here, and see the same
 * values either way.
 */
export class BatchLists {
  // One slot per batch in each column. A listed batch has its list and -1 as `first`; a range
  // batch has an empty list and its first transfer, first entry and size.
  private readonly lists: Int32Array[] = [];
  private readonly first: number[] = [];
  private readonly entry: number[] = [];
  private readonly size: number[] = [];

  /** The number of batches. */
  get count(): number {
    return this.lists.length;
  }

  /** Records the next batch with `list` as its transfers (kept, not copied: the caller hands it over). */
  push(list: Int32Array): void {
    this.lists.push(list);
    this.first.push(-1);
    this.entry.push(-1);
    this.size.push(list.length);
  }

  /**
   * Records the next batch as `n` consecutive transfers from `firstTransfer`, journalled as `n`
   * consecutive plain transfer entries from `firstEntry` (leg `k` is transfer `firstTransfer + k`,
   * recorded by entry `firstEntry + k`).
   */
  pushRange(firstTransfer: number, firstEntry: number, n: number): void {
    this.lists.push(EMPTY);
    this.first.push(firstTransfer);
    this.entry.push(firstEntry);
    this.size.push(n);
  }

  /** The number of legs of batch `b`. */
  length(b: number): number {
    return this.size[b] as number;
  }

  /** The transfer of leg `n` of batch `b` (`n` below {@link length}). */
  at(b: number, n: number): number {
    const first = this.first[b] as number;
    return first >= 0 ? first + n : (this.lists[b] as Int32Array)[n] as number;
  }

  /** Batch `b`'s transfers as a list of their own (a copy for a range batch): for read-outs. */
  list(b: number): Int32Array {
    const first = this.first[b] as number;
    if (first < 0) return this.lists[b] as Int32Array;
    const n = this.size[b] as number;
    const out = new Int32Array(n);
    for (let k = 0; k < n; k++) out[k] = first + k;
    return out;
  }

  /** The first transfer of range batch `b`, or -1 when `b` has a list. */
  rangeFirst(b: number): number {
    return this.first[b] as number;
  }

  /** The first journal entry of range batch `b` (meaningful only when {@link rangeFirst} is not -1). */
  rangeEntry(b: number): number {
    return this.entry[b] as number;
  }
}

const EMPTY = new Int32Array(0);
