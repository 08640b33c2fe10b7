import { hashString } from '../hashing/string-hash.js';
import { StoreIdIndex } from '../order-book/store-id-index.js';
import { NarrowColumn } from '../units/narrow-column.js';
import type { ProductState } from './product-state.js';
import type { OrderVenue } from './order-intake.js';
import type { ParticipantRecord } from './participant-registry.js';

const INITIAL = 1024;

/**
 * An open order as the market's code works with it: a view of its slot in the {@link OrderIndex}
 * columns, made when asked for. Two views of one order are different objects: compare `slot`s.
 */
export class LiveOrder {
  constructor(
    private readonly index: OrderIndex,
    /** Its slot in the index. */
    readonly slot: number,
  ) {}

  get id(): string {
    return this.index.idOf(this.slot);
  }
  get participant(): ParticipantRecord {
    return this.index.participantOf(this.slot);
  }
  get product(): ProductState {
    return this.index.productOf(this.slot);
  }
  get side(): 'buy' | 'sell' {
    return this.index.sideOf(this.slot);
  }
  /** Limit price, ticks (NaN for a market order). */
  get priceTicks(): number {
    return this.index.priceOf(this.slot);
  }
  set priceTicks(ticks: number) {
    this.index.setPrice(this.slot, ticks);
  }
  /** Open quantity, steps (for a book order, as of the last call that touched it). */
  get lots(): number {
    return this.index.lotsOf(this.slot);
  }
  set lots(lots: number) {
    this.index.setLots(this.slot, lots);
  }
  get venue(): OrderVenue {
    return this.index.venueOf(this.slot);
  }
  set venue(venue: OrderVenue) {
    this.index.setVenue(this.slot, venue);
  }
  /** Its collateral's slot in the market's reservations, -1 when it holds none. */
  get reservation(): number {
    return this.index.reservationOf(this.slot);
  }
  set reservation(r: number) {
    this.index.setReservation(this.slot, r);
  }
  /** Arrival number in the market: iteration over open orders follows it. */
  get seq(): number {
    return this.index.seqOf(this.slot);
  }
  set seq(seq: number) {
    this.index.setSeq(this.slot, seq);
  }
}

/**
 * The market's open orders, by id and in columns by slot. A day of a large market holds a
 * million of them: as objects (and a `Map` from id to object) they cost a look-up that is mostly
 * cache misses (about 600 ns to check a new id and add it) and the garbage collector's time
 * (a million more objects to copy and mark). Here an id hash table (the order book's
 * {@link StoreIdIndex}: 32-bit hashes and slots side by side) maps each id to a slot, and each
 * order's fields sit in typed columns by slot; code works with {@link LiveOrder} views.
 *
 * The ids themselves are the caller's strings, kept per slot (`ids`): the table reads one only on
 * a hash match. Reading a sealed order's id back at clearing is then a plain array read (it was
 * once rebuilt from the characters an id index kept, measured at 1 to 2 us an order on a loaded
 * machine, 35 million times a district year), and adding an order copies no characters. Each
 * slot keeps its id's hash too (4 bytes), so a rebuild hashes no string again.
 *
 * Memory (a day of 96 intervals x 10 zones x 10,000 participants holds 960,000 open orders, see
 * docs/market.md): price, quantity and arrival number are {@link NarrowColumn}s, int32 while the
 * values fit.
 *
 * An order leaves by its slot ({@link release}): the slot is marked and its id stays bound to it
 * until the index is rebuilt (when an order arrives and the retired outnumber the open twice over,
 * or when the market prunes); a gate closure retiring a thousand orders then costs a thousand
 * writes, not a thousand look-ups. The same id arriving again takes its old slot. Iteration is in
 * arrival order (`seq`).
 */
export class OrderIndex {
  /** Per slot, the id bound to it (kept until the slot is reused); the table's keys. */
  private readonly ids: (string | undefined)[] = new Array<string | undefined>(INITIAL);
  private index = new StoreIdIndex(this.ids as readonly string[]);
  /** Per bound slot, its id's {@link hashString}: a rebuild re-inserts from these. */
  private hashes = new Int32Array(INITIAL);
  /** Participant and product by their numbers (`number` fields), so the columns hold no pointers. */
  private participant = new Int32Array(INITIAL);
  private product = new Int32Array(INITIAL);
  /** 1 buy, 2 sell. */
  private side = new Uint8Array(INITIAL);
  /** 1 book, 2 sealed. */
  private venue = new Uint8Array(INITIAL);
  private readonly price = new NarrowColumn(INITIAL);
  private readonly lots = new NarrowColumn(INITIAL);
  private reservation = new Int32Array(INITIAL);
  private readonly seq = new NarrowColumn(INITIAL);
  /** 1 for a slot holding an open order (what a rebuild keeps). */
  private alive = new Uint8Array(INITIAL);
  /** 1 for a slot whose id the index holds (open, or retired since the last rebuild). */
  private bound = new Uint8Array(INITIAL);
  private slots = 0;
  /** Below this slot, free slots (bound to no id) may be found: where the search resumes. */
  private freeFrom = 0;
  private open = 0;
  /** Slots whose order left but whose id is still bound to them. */
  private retired = 0;
  // The last look-up, so that adding the order whose id was just checked needs no second one.
  private lastId: string | undefined;
  private lastHash = 0;
  /** The bound slot of `lastId`, or -1 (then the table's own hint holds where to insert it). */
  private lastSlot = -1;

  /**
   * @param participants - the registered participants by number.
   * @param products - the products by number.
   * @param slack - how many more retired than (twice the) open slots trigger a rebuild.
   */
  constructor(
    private readonly participants: readonly ParticipantRecord[],
    private readonly products: readonly (ProductState | undefined)[],
    private readonly slack = 65_536,
  ) {}

  /** The number of open orders. */
  get size(): number {
    return this.open;
  }

  /** The open order with this id, or undefined. */
  get(id: string): LiveOrder | undefined {
    const slot = this.find(id);
    return slot < 0 ? undefined : new LiveOrder(this, slot);
  }

  /** The slot of the open order with this id, or -1. */
  find(id: string): number {
    // The same id as the last look-up, with no change to the table since (every change clears
    // lastId): its slot as found then (submit's duplicate check, then its add).
    if (this.lastId === id) {
      const last = this.lastSlot;
      return last >= 0 && this.alive[last] === 1 ? last : -1;
    }
    const hash = hashString(id);
    const slot = this.index.find(id, hash);
    this.lastId = id;
    this.lastHash = hash;
    this.lastSlot = slot;
    return slot >= 0 && this.alive[slot] === 1 ? slot : -1;
  }

  /** Whether an open order has this id. */
  has(id: string): boolean {
    return this.find(id) >= 0;
  }

  /**
   * Adds an order (no open order may have its id) and returns its slot.
   * @param priceTicks - NaN for a market order.
   */
  add(
    id: string, participant: ParticipantRecord, product: ProductState, side: 'buy' | 'sell', priceTicks: number, lots: number,
    venue: OrderVenue, reservation: number, seq: number,
  ): number {
    if (this.retired > 2 * this.open + this.slack) this.rebuild();
    let slot: number;
    let hash: number;
    if (this.lastId === id) {
      // The duplicate check (find) just looked this id up, and nothing has changed the table
      // since (every change clears lastId): no second hash or probe.
      slot = this.lastSlot;
      hash = this.lastHash;
    } else {
      hash = hashString(id);
      slot = this.index.find(id, hash);
    }
    this.lastId = undefined;
    if (slot < 0) {
      slot = this.freeSlot();
      this.index.reserve();
      this.index.insert(hash, slot);
      this.hashes[slot] = hash;
      this.bound[slot] = 1;
    } else {
      this.retired--;
    }
    this.ids[slot] = id;
    this.participant[slot] = participant.number;
    this.product[slot] = product.number;
    this.side[slot] = side === 'buy' ? 1 : 2;
    this.venue[slot] = venue === 'book' ? 1 : 2;
    this.price.set(slot, priceTicks);
    this.lots.set(slot, lots);
    this.reservation[slot] = reservation;
    this.seq.set(slot, seq);
    this.alive[slot] = 1;
    this.open++;
    return slot;
  }

  /** Takes the order in `slot` out. */
  release(slot: number): void {
    if (this.alive[slot] !== 1) return;
    this.lastId = undefined;
    // The slot's fields stay readable (a retired order's view is still used for its events)
    // until the slot is reused.
    this.alive[slot] = 0;
    this.open--;
    this.retired++;
  }

  /** Takes the order with this id out, if open. */
  delete(id: string): void {
    const slot = this.find(id);
    if (slot >= 0) this.release(slot);
  }

  /** The open orders in arrival order. */
  values(): LiveOrder[] {
    const out: LiveOrder[] = [];
    for (let slot = 0; slot < this.slots; slot++) if (this.alive[slot] === 1) out.push(new LiveOrder(this, slot));
    return out.sort((a, b) => a.seq - b.seq);
  }

  /** Whether `slot` holds an open order. */
  isOpen(slot: number): boolean {
    return this.alive[slot] === 1;
  }

  /** The id of the order in `slot` (kept until the slot is reused). */
  idOf(slot: number): string {
    return this.ids[slot] as string;
  }
  participantOf(slot: number): ParticipantRecord {
    return this.participants[this.participant[slot] as number] as ParticipantRecord;
  }
  productOf(slot: number): ProductState {
    return this.products[this.product[slot] as number] as ProductState;
  }
  sideOf(slot: number): 'buy' | 'sell' {
    return this.side[slot] === 1 ? 'buy' : 'sell';
  }
  isBuy(slot: number): boolean {
    return this.side[slot] === 1;
  }
  priceOf(slot: number): number {
    return this.price.get(slot);
  }
  setPrice(slot: number, ticks: number): void {
    this.price.set(slot, ticks);
  }
  lotsOf(slot: number): number {
    return this.lots.get(slot);
  }
  setLots(slot: number, lots: number): void {
    this.lots.set(slot, lots);
  }
  venueOf(slot: number): OrderVenue {
    return this.venue[slot] === 1 ? 'book' : 'sealed';
  }
  setVenue(slot: number, venue: OrderVenue): void {
    this.venue[slot] = venue === 'book' ? 1 : 2;
  }
  reservationOf(slot: number): number {
    return this.reservation[slot] as number;
  }
  setReservation(slot: number, r: number): void {
    this.reservation[slot] = r;
  }
  seqOf(slot: number): number {
    return this.seq.get(slot);
  }
  /** A new arrival number (an amend that moved the order to the back of its queue). */
  setSeq(slot: number, seq: number): void {
    this.seq.set(slot, seq);
  }

  /** A slot bound to no id: the first free one from `freeFrom`, else a new one. */
  private freeSlot(): number {
    const bound = this.bound;
    let slot = this.freeFrom;
    while (slot < this.slots && bound[slot] === 1) slot++;
    this.freeFrom = slot + 1;
    return slot < this.slots ? slot : this.newSlot();
  }

  private newSlot(): number {
    const slot = this.slots++;
    if (slot === this.side.length) {
      const capacity = slot * 2;
      this.ids.length = capacity; // the same array: the table reads it
      this.hashes = grown(this.hashes, new Int32Array(capacity));
      this.participant = grown(this.participant, new Int32Array(capacity));
      this.product = grown(this.product, new Int32Array(capacity));
      this.side = grown(this.side, new Uint8Array(capacity));
      this.venue = grown(this.venue, new Uint8Array(capacity));
      this.price.grow(capacity);
      this.lots.grow(capacity);
      this.reservation = grown(this.reservation, new Int32Array(capacity));
      this.seq.grow(capacity);
      this.alive = grown(this.alive, new Uint8Array(capacity));
      this.bound = grown(this.bound, new Uint8Array(capacity));
    }
    this.freeFrom = slot + 1;
    return slot;
  }

  /**
   * Unbinds the ids of retired slots (slots of open orders keep their numbers). Run from
   * {@link add} once the retired outnumber the open twice over (and by {@link compact}), so its
   * cost is spread over the orders that arrive, and a gate closure that retires thousands of
   * orders only marks them.
   */
  private rebuild(): void {
    // The table only grows; after a peak (a day's million orders, then a few) a fresh one is
    // smaller than clearing the old and keeps later rebuilds in proportion to the open orders.
    let index = this.index;
    if (index.spare() + index.size > 4 * this.open + 4096) index = this.index = new StoreIdIndex(this.ids as readonly string[]);
    else index.clear();
    const alive = this.alive;
    for (let slot = 0; slot < this.slots; slot++) {
      if (alive[slot] !== 1) continue;
      index.reserve();
      index.insert(this.hashes[slot] as number, slot);
    }
    this.bound.set(this.alive.subarray(0, this.bound.length));
    this.freeFrom = 0;
    this.retired = 0;
    this.lastId = undefined;
  }

  /** Drops every retired id now (a long-running market's pruning). */
  compact(): void {
    if (this.retired > 0) this.rebuild();
  }
}

type Column = Int32Array | Uint8Array;

function grown<T extends Column>(old: T, bigger: T): T {
  bigger.set(old);
  return bigger;
}
