/**
 * Owners interned to small integers: a resting order stores 4 bytes instead of a pointer, and
 * self-trade prevention compares integers. Owners are never forgotten (a book has a bounded set
 * of participants); the table is not part of the book's state, only a cache of names.
 */
export class OwnerTable {
  /** The owner names by index. */
  readonly names: string[] = [];
  private readonly indexes = new Map<string, number>();
  // Consecutive orders often come from the same owner: a pointer compare skips the map.
  private lastName = '';
  private lastIndex = -1;

  /** The index of `name`, adding it when new. */
  intern(name: string): number {
    if (name === this.lastName) return this.lastIndex;
    let index = this.indexes.get(name);
    if (index === undefined) {
      index = this.names.length;
      this.names.push(name);
      this.indexes.set(name, index);
    }
    this.lastName = name;
    this.lastIndex = index;
    return index;
  }
}
