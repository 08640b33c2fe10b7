import { describe, expect, it } from 'vitest';
import { Collateral, ErrorCode, Ledger, openSettlementAccounts, settleInterval } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

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
    expect(collateral.reservation('b1')?.held.toString()).toBe('4203');
    expect(collateral.reservation('b1')?.open.toString()).toBe('2.001');
    expect(ledger.available('lab:VND').toString()).toBe(String(10_000 - 1801 - 4203));
    expect(collateral.cancel('b1').toString()).toBe('4203');
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
});
