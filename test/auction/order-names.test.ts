import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clearAuction, type AuctionOrder } from '../../src/index.js';
import { resolveAuctionOptions } from '../../src/auction/auction-options.js';
import { clearAuctionSteps } from '../../src/auction/clear-auction-steps.js';
import { findDuplicateId } from '../../src/auction/find-duplicate-id.js';
import { ChunkedNames, namesArray } from '../../src/auction/order-names.js';
import { hashString } from '../../src/hashing/string-hash.js';
import { runs } from '../helpers/expect-watt-error.js';

describe('ChunkedNames', () => {
  it('holds every name at its position across chunk edges, and flattens to the same array', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 1, 8191, 8192, 8193, 16_384, 20_000), (n) => {
        const names = new ChunkedNames(n);
        for (let i = 0; i < n; i++) names.set(i, `n${i}`);
        expect(names.length).toBe(n);
        for (const i of [0, 1, 8191, 8192, 8193, n - 1]) if (i >= 0 && i < n) expect(names.at(i)).toBe(`n${i}`);
        expect(names.at(n)).toBeUndefined();
        const flat = namesArray(names);
        expect(flat).toEqual(Array.from({ length: n }, (_, i) => `n${i}`));
        expect(names.toArray()).toBe(flat); // built once
      }),
      { numRuns: runs(7) },
    );
  });

  it('serves the duplicate check like an array', () => {
    const n = 9000;
    const ids = Array.from({ length: n }, (_, i) => `id${i}`);
    ids[8500] = 'id8191';
    const names = new ChunkedNames(n);
    ids.forEach((id, i) => names.set(i, id));
    const hashes = Int32Array.from(ids, hashString);
    expect(findDuplicateId(names, hashes)).toEqual([8191, 8500]);
    expect(findDuplicateId(ids, hashes)).toEqual([8191, 8500]);
  });

  it('names the right orders in trades and fills past the first chunk (decimal and integer ways agree)', () => {
    const n = 20_000;
    const orders: AuctionOrder[] = Array.from({ length: n }, (_, i) => ({
      id: `o${i}`,
      owner: `p${i % 97}`,
      side: i % 2 === 0 ? 'buy' : 'sell',
      price: ((i * 7919) % 300) / 100,
      quantity: ((i % 13) + 1) / 1000,
    }));
    const options = { priceTick: '0.01', quantityStep: '0.001' } as const;
    const viaObjects = clearAuction(orders, options);
    const viaColumns = clearAuctionSteps(
      {
        count: n,
        ids: orders.map((o) => o.id),
        owners: orders.map((o) => o.owner),
        buy: orders.map((o) => o.side === 'buy'),
        priceTicks: orders.map((_, i) => (i * 7919) % 300),
        lots: orders.map((_, i) => (i % 13) + 1),
      },
      resolveAuctionOptions(options),
    );
    const key = (t: { buyOrderId: string; sellOrderId: string; buyer: string; seller: string; quantity: { toString(): string } }): string =>
      `${t.buyOrderId}/${t.sellOrderId}/${t.buyer}/${t.seller}/${t.quantity.toString()}`;
    expect(viaObjects.trades.length).toBeGreaterThan(100);
    expect(viaObjects.trades.map(key)).toEqual(viaColumns.trades.map(key));
    for (const t of viaObjects.trades) {
      const b = Number(t.buyOrderId.slice(1));
      expect(t.buyer).toBe(`p${b % 97}`);
    }
    expect(viaObjects.fills.map((f) => `${f.orderId}/${f.owner}`)).toEqual(viaColumns.fills.map((f) => `${f.orderId}/${f.owner}`));
  });
});
