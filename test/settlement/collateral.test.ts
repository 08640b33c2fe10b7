import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Collateral, ErrorCode, Ledger, openSettlementAccounts, settleInterval } from '../../src/index.js';
import { catchWattError, expectWattError, runs } from '../helpers/expect-watt-error.js';

function setup(): { ledger: Ledger; collateral: Collateral } {
  const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' } });
  const opened = openSettlementAccounts(ledger, { participants: ['lab', 'roof'] });
  expect(opened).toContain('clearing:VND');
  expect(openSettlementAccounts(ledger, { participants: ['lab', 'roof'] })).toEqual([]);
  ledger.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
  ledger.openAccount({ id: 'battery', asset: 'kWh', allowNegative: true });
  ledger.transfer({ id: 'fund', from: 'bank', to: 'lab:VND', amount: 10_000 });
  ledger.transfer({ id: 'stock', from: 'battery', to: 'roof:kWh', amount: '5' });
  return { ledger, collateral: new Collateral(ledger) };
}

describe('Collateral', () => {
  it('reserves a buy order at price x quantity rounded up, posts fills and keeps the rest reserved', () => {
    const { ledger, collateral } = setup();
    const r = collateral.reserveBuy({ id: 'b1', owner: 'lab', price: '2000.5', quantity: '3.001' }); // 6003.5005 -> 6004
    expect(r.held.toString()).toBe('6004');
    expect(r.pendingId).toBe('collateral/b1/0');
    expect(ledger.available('lab:VND').toString()).toBe('3996');
    const f = collateral.fill('b1', { quantity: '1', price: '1800.25' }); // 1800.25 -> 1801
    expect(f).toMatchObject({ asset: 'VND', postedSteps: 1801 });
    expect(ledger.balance('clearing:VND').toString()).toBe('1801');
    expect(collateral.reservation('b1')).toMatchObject({ pendingId: 'collateral/b1/1' });
    // What the open 2.001 kWh can still cost at the limit (4003.0005 -> 4004), not 6004 - 1801.
    expect(collateral.reservation('b1')?.held.toString()).toBe('4004');
    expect(collateral.reservation('b1')?.open.toString()).toBe('2.001');
    expect(ledger.available('lab:VND').toString()).toBe(String(10_000 - 1801 - 4004));
    expect(collateral.cancel('b1').toString()).toBe('4004');
    expect(ledger.available('lab:VND').toString()).toBe(String(10_000 - 1801));
    expect(collateral.reservation('b1')).toBeUndefined();
    expect(ledger.verify().ok).toBe(true);
  });

  it('releases what is left on the last fill, and the fill prepays the settlement', () => {
    const { ledger, collateral } = setup();
    collateral.reserveBuy({ id: 'b1', owner: 'lab', price: '2000', quantity: '2' });
    collateral.reserveSell({ id: 's1', owner: 'roof', quantity: '2' });
    const paid = collateral.fill('b1', { quantity: '2', price: '1900' });
    const delivered = collateral.fill('s1', { quantity: '2' });
    expect(collateral.reservation('b1')).toBeUndefined();
    expect(ledger.available('lab:VND').toString()).toBe('6200');
    expect(ledger.balance('clearing:kWh').toString()).toBe('2');
    settleInterval(ledger, {
      interval: 'I',
      trades: [{ id: 'T', buyer: 'lab', seller: 'roof', quantity: '2', price: '1900', buyerPrepaid: paid.posted, sellerPrepaid: delivered.posted }],
      meters: [{ participant: 'roof', exported: '2' }, { participant: 'lab', imported: '2' }],
      tariff: { retailPrice: '2500', feedInPrice: '700' },
    });
    expect(ledger.balance('clearing:VND').toString()).toBe('0');
    expect(ledger.balance('clearing:kWh').toString()).toBe('0');
    expect(ledger.balance('roof:VND').toString()).toBe('3800');
    expect(ledger.balance('lab:VND').toString()).toBe('6200');
    expect(ledger.balance('roof:kWh').toString()).toBe('5'); // its delivered stock comes back as metered energy
  });

  it('regression: fills at the limit that each round up never cost more than was reserved', () => {
    const { ledger, collateral } = setup();
    collateral.reserveBuy({ id: 'b', owner: 'lab', price: '1500', quantity: '0.002' }); // 3 VND
    expect(collateral.fill('b', { quantity: '0.001', price: '1500' }).postedSteps).toBe(2); // 1.5 -> 2
    expect(collateral.fill('b', { quantity: '0.001', price: '1500' }).postedSteps).toBe(1); // 1.5 -> 2, capped at the 1 left
    expect(ledger.balanceSteps('clearing:VND')).toBe(3);
    expect(ledger.availableSteps('lab:VND')).toBe(10_000 - 3);
  });

  it('regression: counterexample [buy 150.1 x 0.558, fill 1%, fill the rest, both at the limit]', () => {
    // Found by the property below (before fills were capped at what is held):
    // [{"op":"buy","id":2,"price":1501,"qty":558},{"op":"fill","id":2,"share":1,"discount":0},{"op":"fill","id":2,"share":100,"discount":0}]
    const { ledger, collateral } = setup();
    collateral.reserveBuy({ id: 'o2', owner: 'lab', price: 150.1, quantity: 0.558 }); // 83.7558 -> 84
    expect(collateral.fill('o2', { quantity: 0.005, price: 150.1 }).postedSteps).toBe(1); // 0.7505 -> 1
    expect(collateral.fill('o2', { quantity: 0.553, price: 150.1 }).postedSteps).toBe(83); // 83.0053 -> 84, capped at 83
    expect(ledger.balanceSteps('clearing:VND')).toBe(84);
    expect(ledger.verify().ok).toBe(true);
  });

  it('regression: an order id used again after its order closed gets new reservation ids', () => {
    // Found by the property below under test:long:
    // [{"op":"buy","id":1,"price":6,"qty":1667},{"op":"fill","id":1,"share":100,"discount":0},{"op":"buy","id":1,"price":10001,"qty":1}]
    const { ledger, collateral } = setup();
    collateral.reserveBuy({ id: 'o1', owner: 'lab', price: 0.6, quantity: 1.667 });
    collateral.fill('o1', { quantity: 1.667, price: 0.6 });
    expect(collateral.reserveBuy({ id: 'o1', owner: 'lab', price: 0.6, quantity: 1.667 }).pendingId).toBe('collateral/o1/1');
    expect(ledger.availableSteps('lab:VND')).toBe(10_000 - 2 - 2);
    // A second Collateral on the same ledger does not reuse the first one's ids either.
    expect(new Collateral(ledger).reserveBuy({ id: 'o1', owner: 'lab', price: 1, quantity: 1 }).pendingId).toBe('collateral/o1/2');
  });

  it('refuses bad orders and fills and leaves the ledger as it was', () => {
    const { ledger, collateral } = setup();
    collateral.reserveBuy({ id: 'b1', owner: 'lab', price: '2000', quantity: '1' });
    const hash = ledger.stateHash();
    const cases: [() => unknown, string][] = [
      [() => collateral.reserveBuy({ id: 'b1', owner: 'lab', price: 1, quantity: 1 }), ErrorCode.DUPLICATE_ORDER_ID],
      [() => collateral.reserveBuy({ id: '', owner: 'lab', price: 1, quantity: 1 }), ErrorCode.INVALID_ID],
      [() => collateral.reserveBuy({ id: 'b2', owner: '', price: 1, quantity: 1 }), ErrorCode.INVALID_OWNER],
      [() => collateral.reserveBuy({ id: 'b2', owner: 'lab', price: '0.00001', quantity: 1 }), ErrorCode.INVALID_PRICE],
      [() => collateral.reserveBuy({ id: 'b2', owner: 'lab', price: 1, quantity: 0 }), ErrorCode.INVALID_QUANTITY],
      [() => collateral.reserveBuy({ id: 'b2', owner: 'lab', price: 9000, quantity: 2 }), ErrorCode.INSUFFICIENT_FUNDS],
      [() => collateral.reserveBuy({ id: 'b2', owner: 'ghost', price: 1, quantity: 1 }), ErrorCode.UNKNOWN_ACCOUNT],
      [() => collateral.reserveSell({ id: 's2', owner: 'roof', quantity: '6' }), ErrorCode.INSUFFICIENT_FUNDS],
      [() => collateral.fill('nope', { quantity: 1, price: 1 }), ErrorCode.UNKNOWN_ORDER],
      [() => collateral.fill('b1', { quantity: 2, price: 1 }), ErrorCode.INVALID_QUANTITY],
      [() => collateral.fill('b1', { quantity: 1, price: 2001 }), ErrorCode.INVALID_PRICE],
      [() => collateral.fill('b1', { quantity: 1 }), ErrorCode.INVALID_PRICE],
      [() => collateral.fill('b1', { quantity: 1, price: 1, tip: 1 } as never), ErrorCode.INVALID_ARGUMENT],
      [() => collateral.cancel('nope'), ErrorCode.UNKNOWN_ORDER],
    ];
    for (const [f, code] of cases) {
      expectWattError(f, code as never);
      expect(ledger.stateHash()).toBe(hash);
    }
    const e = expectWattError(() => collateral.reserveBuy({ id: 'b3', owner: 'lab', price: 9000, quantity: 2 }), ErrorCode.INSUFFICIENT_FUNDS);
    expect(e.message.startsWith('Collateral.reserveBuy: ')).toBe(true);
    expectWattError(() => new Collateral(ledger, { idPrefix: 5 } as never), ErrorCode.INVALID_OPTION);
  });

  it('keeps reserved, posted and available amounts consistent over any sequence of reserves, fills and cancels', () => {
    const opArb = fc.oneof(
      fc.record({ op: fc.constant('buy' as const), id: fc.nat(2), price: fc.integer({ min: 0, max: 40000 }), qty: fc.integer({ min: 1, max: 2000 }) }),
      fc.record({ op: fc.constant('sell' as const), id: fc.nat(2), qty: fc.integer({ min: 1, max: 2000 }) }),
      { weight: 3, arbitrary: fc.record({ op: fc.constant('fill' as const), id: fc.nat(2), share: fc.oneof(fc.constant(100), fc.integer({ min: 1, max: 120 })), discount: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100 })) }) },
      fc.record({ op: fc.constant('cancel' as const), id: fc.nat(2) }),
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const { ledger, collateral } = setup();
        const limits = new Map<string, { price: number; open: number }>();
        let postedMoney = 0;
        let postedEnergy = 0;
        for (const o of ops) {
          const id = `o${o.id}`;
          const hash = ledger.stateHash();
          let error;
          if (o.op === 'buy') {
            error = catchWattError(() => collateral.reserveBuy({ id, owner: 'lab', price: o.price / 10, quantity: o.qty / 1000 }));
            if (error === undefined) limits.set(id, { price: o.price, open: o.qty });
          } else if (o.op === 'sell') {
            error = catchWattError(() => collateral.reserveSell({ id, owner: 'roof', quantity: o.qty / 1000 }));
            if (error === undefined) limits.set(id, { price: -1, open: o.qty });
          } else if (o.op === 'fill') {
            const order = limits.get(id);
            const qty = order === undefined ? 1 : Math.max(1, Math.floor((order.open * o.share) / 100));
            const price = order === undefined ? 1 : Math.floor((order.price * (100 - o.discount)) / 100);
            let posted = 0;
            error = catchWattError(() => {
              posted = collateral.fill(id, { quantity: qty / 1000, price: price / 10 }).postedSteps;
            });
            if (error === undefined && order !== undefined) {
              if (order.price < 0) postedEnergy += posted;
              else postedMoney += posted;
              order.open -= qty;
              if (order.open === 0) limits.delete(id);
            } else if (order !== undefined) {
              expect(qty).toBeGreaterThan(order.open);
            }
          } else {
            error = catchWattError(() => collateral.cancel(id));
            limits.delete(id);
          }
          if (error !== undefined) expect(ledger.stateHash()).toBe(hash);
          // What is held equals the ledger's pending debits; what was posted sits in clearing.
          let heldMoney = 0;
          let heldEnergy = 0;
          for (const [orderId, order] of limits) {
            const r = collateral.reservation(orderId)!;
            expect(Number(r.open.mul(1000).toString())).toBe(order.open);
            if (order.price < 0) heldEnergy += Number(r.held.mul(1000).toString());
            else heldMoney += Number(r.held.toString());
          }
          expect(ledger.balanceSteps('clearing:VND')).toBe(postedMoney);
          expect(ledger.balanceSteps('clearing:kWh')).toBe(postedEnergy);
          expect(ledger.availableSteps('lab:VND')).toBe(10_000 - postedMoney - heldMoney);
          expect(ledger.availableSteps('roof:kWh')).toBe(5000 - postedEnergy - heldEnergy);
        }
        expect(ledger.verify().ok).toBe(true);
      }),
      { numRuns: runs(1000) },
    );
  });
});
