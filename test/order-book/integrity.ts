// Checks every internal invariant of a book's engine: sorted level keys, FIFO lists linked both
// ways, level counts and quantities, side totals, the id index against the levels, and the free
// list. Throws an Error naming the first broken invariant.
import type { OrderBook } from '../../src/index.js';
import type { BookEngine } from '../../src/order-book/book-engine.js';
import { hashId } from '../../src/order-book/id-hash.js';
import { FLAG_SELL, NONE } from '../../src/order-book/order-store.js';
import type { SideLevels } from '../../src/order-book/price-levels.js';

export function engineOf(book: OrderBook): BookEngine {
  return (book as unknown as { engine: BookEngine }).engine;
}

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`integrity: ${what}`);
}

export function checkIntegrity(book: OrderBook): void {
  const engine = engineOf(book);
  const { store, levels, index } = engine;
  const resting = new Set<number>();
  const walkSide = (side: SideLevels, sell: boolean): number => {
    let total = 0;
    for (let i = 0; i < side.length; i++) {
      const key = side.keys[i] as number;
      if (i > 0) check((side.keys[i - 1] as number) < key, `${sell ? 'ask' : 'bid'} keys strictly ascending at ${i}`);
      const lv = side.levels[i] as number;
      const price = levels.price[lv] as number;
      check(key === (sell ? -price : price), `key of level ${lv} matches its price`);
      let count = 0;
      let quantity = 0;
      let prev = NONE;
      for (let h = levels.head[lv] as number; h !== NONE; h = store.next[h] as number) {
        check(!resting.has(h), `handle ${h} appears once`);
        resting.add(h);
        check(store.prev[h] === prev, `prev link of ${h}`);
        check(store.level[h] === lv, `level of ${h}`);
        check((((store.flags[h] as number) & FLAG_SELL) !== 0) === sell, `side of ${h}`);
        const open = store.open[h] as number;
        check(Number.isSafeInteger(open) && open > 0, `open of ${h} is a positive integer`);
        check((store.filled[h] as number) >= 0 && (store.original[h] as number) >= open + (store.filled[h] as number), `accounting of ${h}`);
        check((store.ids[h] as string) !== '' && (store.owners[h] as string) !== '', `id and owner of ${h}`);
        count++;
        quantity += open;
        prev = h;
      }
      check(count > 0, `level ${lv} is not empty`);
      check(levels.tail[lv] === prev, `tail of level ${lv}`);
      check(levels.count[lv] === count, `count of level ${lv}`);
      check(levels.quantity[lv] === quantity, `quantity of level ${lv}`);
      total += quantity;
    }
    return total;
  };
  check(walkSide(engine.bids, false) === engine.bidQuantity, 'bid side total');
  check(walkSide(engine.asks, true) === engine.askQuantity, 'ask side total');
  check(resting.size === engine.size && book.size === engine.size, 'size equals the orders in levels');
  check(index.size === engine.size, 'index size');
  const indexed = index.handles();
  check(indexed.length === resting.size && indexed.every((h) => resting.has(h)), 'index holds exactly the resting handles');
  for (const h of resting) {
    const id = store.ids[h] as string;
    check(store.idHash[h] === hashId(id), `cached hash of ${id}`);
    check(index.find(id, hashId(id)) === h, `index finds ${id}`);
  }
  const free = store.freeHandles();
  check(free.length + resting.size === store.capacity, 'every handle is free or resting');
  for (const h of free) check(!resting.has(h) && store.ids[h] === '' && store.owners[h] === '', `free handle ${h} is clean`);
}
