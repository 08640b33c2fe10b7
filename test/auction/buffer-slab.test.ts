import { describe, expect, it } from 'vitest';
import { slabRegion } from '../../src/auction/buffer-slab.js';
import { clearAuction } from '../../src/auction/clear-auction.js';

describe('slabRegion', () => {
  it('hands out zeroed, 8-byte aligned regions that never overlap', () => {
    const taken: { buffer: ArrayBuffer; from: number; to: number }[] = [];
    for (let i = 0; i < 200; i++) {
      const bytes = (i * 37) % 700;
      const { buffer, offset } = slabRegion(bytes);
      expect(offset % 8).toBe(0);
      expect(offset + bytes).toBeLessThanOrEqual(buffer.byteLength);
      const view = new Uint8Array(buffer, offset, bytes);
      expect(view.every((b) => b === 0)).toBe(true);
      view.fill(0xff); // a later region that overlapped this one would not be zero
      for (const t of taken) if (t.buffer === buffer) expect(offset >= t.to || offset + bytes <= t.from).toBe(true);
      taken.push({ buffer, from: offset, to: offset + bytes });
    }
  });

  it('gives a large request a buffer of its own', () => {
    const { buffer, offset } = slabRegion(100_000);
    expect(offset).toBe(0);
    expect(buffer.byteLength).toBe(100_000);
    expect(slabRegion(8).buffer).not.toBe(buffer);
  });

  it('keeps a result as it was while later small auctions clear (regions of one slab)', () => {
    const orders = (p: number) => [
      { id: 'b1', owner: 'a', side: 'buy' as const, price: p, quantity: 3 },
      { id: 'b2', owner: 'b', side: 'buy' as const, price: p - 1, quantity: 2 },
      { id: 's1', owner: 'c', side: 'sell' as const, price: 1, quantity: 4 },
    ];
    // Read at once, the same auction's result says what the other, read only later, must say.
    const expected = JSON.stringify(clearAuction(orders(10), { priceTick: 1 }));
    const first = clearAuction(orders(10), { priceTick: 1 });
    for (let p = 2; p < 300; p++) clearAuction(orders(p + 1), { priceTick: 1 });
    expect(JSON.stringify(first)).toBe(expected);
    expect(first.fills.map((f) => f.filled.toNumber())).toEqual([3, 1, 4]);
  });
});
