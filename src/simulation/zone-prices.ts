/** The price history of one zone's market, for its agents' forecasts. */
export class ZonePrices {
  /** Clearing prices of the last day, oldest first; replaced (not changed) when a price is added. */
  recent: readonly number[] = [];
  /** The last clearing price of each slot of the day, undefined until there is one. */
  readonly bySlot: (number | undefined)[];

  constructor(perDay: number) {
    this.bySlot = new Array<number | undefined>(perDay).fill(undefined);
  }

  add(slot: number, price: number, perDay: number): void {
    this.bySlot[slot] = price;
    // A fresh array: the agents were handed the last one as their context's recent prices.
    const next = this.recent.length >= perDay ? this.recent.slice(1) : this.recent.slice();
    next.push(price);
    this.recent = next;
  }
}
