import { describe, expect, it } from 'vitest';
import { Market } from '../../src/index.js';
import { campusMarket, DAY, fund } from './market-helpers.js';

// MarketSubmission keeps the submit's scratch (raw orders by depth, the parsed order of a
// top-level submitSteps) per market: a getter of one market's order that submits into another
// market must leave both orders as given.
describe('MarketSubmission: scratch per market', () => {
  function pair(): { a: Market; b: Market } {
    const a = campusMarket().market;
    const b = campusMarket().market;
    fund(a, ['p', 'q']);
    fund(b, ['p', 'q']);
    return { a, b };
  }

  it("a getter of one market's order that submits into another market: both orders stand as given", () => {
    const { a, b } = pair();
    const order = {
      id: 'a1',
      participant: 'p',
      deliveryStart: DAY,
      side: 'sell' as const,
      get priceTicks(): number {
        b.submitSteps({ id: 'b1', participant: 'q', deliveryStart: DAY, side: 'buy', priceTicks: 2000, quantitySteps: 700 });
        return 900;
      },
      quantitySteps: 5000,
    };
    a.submitSteps(order);
    expect(a.order('a1')).toMatchObject({ participant: 'p', side: 'sell', venue: 'sealed' });
    expect(a.order('a1')?.price?.toString()).toBe('900');
    expect(a.order('a1')?.quantity.toString()).toBe('5');
    expect(b.order('b1')?.participant).toBe('q');
    expect(b.order('b1')?.price?.toString()).toBe('2000');
    expect(b.order('b1')?.quantity.toString()).toBe('0.7');
    expect(a.order('b1')).toBeUndefined();
    expect(b.order('a1')).toBeUndefined();
  });

  it('a submit nested in the same market through a getter reads into its own raw order', () => {
    const { a } = pair();
    const order = {
      id: 'outer',
      get participant(): string {
        a.submitSteps({ id: 'inner', participant: 'q', deliveryStart: DAY, side: 'buy', priceTicks: 1500, quantitySteps: 2000 });
        return 'p';
      },
      deliveryStart: DAY,
      side: 'sell' as const,
      priceTicks: 800,
      quantitySteps: 3000,
    };
    a.submitSteps(order);
    expect(a.order('outer')?.participant).toBe('p');
    expect(a.order('outer')?.price?.toString()).toBe('800');
    expect(a.order('inner')?.participant).toBe('q');
    expect(a.order('inner')?.price?.toString()).toBe('1500');
    expect(a.sequence).toBe(4 + 2); // two registrations, two deposits, two submits
  });
});
