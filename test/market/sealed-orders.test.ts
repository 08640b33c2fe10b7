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
});
