import type { LiveOrder } from './market-core.js';

/**
 * A product's sealed orders, waiting for its auction, in arrival order (the auction's tie rule).
 * Besides the orders themselves it keeps what clearing reads of them in columns (ids, owners,
 * sides, prices, quantities, reservation slots): a market holding a day of orders has a million
 * live orders scattered over a large heap, and reading a thousand of them one object at a time at
 * gate closure costs more than clearing the auction. Every change to a sealed order's price,
 * quantity or reservation goes through here so the columns stay equal to the orders.
 */
export class SealedOrders {
  /** The orders; empty again after clearing (the ids stay, for the state hash). */
  orders: LiveOrder[] = [];
  readonly ids: string[] = [];
  readonly owners: string[] = [];
  readonly buy: boolean[] = [];
  /** Limit prices, ticks. */
  readonly price: number[] = [];
  /** Open quantities, steps. */
  readonly lots: number[] = [];
  /** Reservation slots (-1 for none). */
  readonly reservation: number[] = [];
  /** Slots in the market's order index. */
  readonly slot: number[] = [];

  /** The number of orders (ids, after clearing). */
  get length(): number {
    return this.ids.length;
  }

  /** Appends an order at the back. */
  push(o: LiveOrder): void {
    this.orders.push(o);
    this.ids.push(o.id);
    this.owners.push(o.participant.id);
    this.buy.push(o.side === 'buy');
    this.price.push(o.priceTicks);
    this.lots.push(o.lots);
    this.reservation.push(o.reservation);
    this.slot.push(o.slot);
  }

  /** Takes an order out (cancelled). */
  remove(o: LiveOrder): void {
    this.removeAt(this.orders.indexOf(o));
  }

  /** Takes in an amended order's price, quantity and reservation; at the back when it lost its place. */
  update(o: LiveOrder, toBack: boolean): void {
    const i = this.orders.indexOf(o);
    if (toBack) {
      this.removeAt(i);
      this.push(o);
      return;
    }
    this.price[i] = o.priceTicks;
    this.lots[i] = o.lots;
    this.reservation[i] = o.reservation;
  }

  /** Forgets the order objects once cleared: only the ids stay. */
  cleared(): void {
    this.orders = [];
  }

  private removeAt(i: number): void {
    this.orders.splice(i, 1);
    this.ids.splice(i, 1);
    this.owners.splice(i, 1);
    this.buy.splice(i, 1);
    this.price.splice(i, 1);
    this.lots.splice(i, 1);
    this.reservation.splice(i, 1);
    this.slot.splice(i, 1);
  }
}
