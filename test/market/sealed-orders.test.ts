import { describe, expect, it } from 'vitest';
import { SealedOrders } from '../../src/market/sealed-orders.js';

describe('SealedOrders', () => {
  it('keeps arrival order, moves an amended order to the back, and removes only what it holds', () => {
    const sealed = new SealedOrders();
    for (const slot of [4, 7, 9]) sealed.push(slot);
    sealed.toBack(4);
    expect(sealed.slots).toEqual([7, 9, 4]);
    sealed.remove(9);
    expect(sealed.slots).toEqual([7, 4]);
    // regression (review): removing a slot it does not hold took the last order (splice(-1, 1)).
    sealed.remove(12);
    expect(sealed.slots).toEqual([7, 4]);
    expect(sealed.length).toBe(2);
  });

  it('starts with no room, grows past its first buffer in order, and takes orders again after clearing', () => {
    const sealed = new SealedOrders();
    expect(sealed.length).toBe(0);
    expect(sealed.slots).toEqual([]);
    const many = Array.from({ length: 300 }, (_, i) => 1000 - i);
    for (const slot of many) sealed.push(slot);
    expect(sealed.slots).toEqual(many);
    expect(sealed.at(299)).toBe(701);
    sealed.cleared(['a']);
    expect(sealed.length).toBe(0);
    expect(sealed.clearedIds).toEqual(['a']);
    sealed.push(5);
    sealed.unshift([3, 4]);
    expect(sealed.slots).toEqual([3, 4, 5]);
  });
});
