import { describe, expect, it } from 'vitest';
import { Ledger, openSettlementAccounts, settleInterval, type IntervalSettlementInput } from '../../src/index.js';
import { BASE, PEOPLE } from './settlement-fixtures.js';

/** A settled interval: canopy sells 4 kWh at 1850.5 and delivers 3.2, ev-hub buys and imports 5.25. */
function settled(): { ledger: Ledger; json: string } {
  const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' } });
  openSettlementAccounts(ledger, { participants: ['canopy', 'ev-hub'], credit: true });
  const r = settleInterval(ledger, {
    interval: 'I1',
    trades: [{ sequence: 1, buyer: 'ev-hub', seller: 'canopy', quantity: '4', price: '1850.5' }],
    meters: [
      { participant: 'canopy', exported: '3.2' },
      { participant: 'ev-hub', imported: '5.25' },
    ],
    tariff: { retailPrice: '2536', feedInPrice: '671' },
  });
  return { ledger, json: JSON.stringify(r) };
}

describe('settlement results as JSON', () => {
  it('show the documented decimals, not step counts or steps', () => {
    const { json } = settled();
    const data = JSON.parse(json) as { participants: Record<string, string>[]; totals: Record<string, string> };
    expect(data.participants[0]).toEqual({
      participant: 'canopy',
      sold: '4',
      bought: '0',
      contracted: '4',
      exported: '3.2',
      imported: '0',
      actual: '3.2',
      imbalance: '-0.8',
      paid: '0',
      received: '7402',
      fees: '0',
      imbalanceAmount: '-2029',
      net: '5373',
    });
    expect(data.participants[1]).toMatchObject({ participant: 'ev-hub', bought: '4', imported: '5.25', imbalance: '-1.25', paid: '7402' });
    expect(data.totals).toMatchObject({ traded: '4', exported: '3.2', imported: '5.25' });
    expect(json).not.toMatch(/Steps|"step"|energyStep|moneyStep/);
  });

  it('give the ledger entries and transfers of the settlement with decimal amounts', () => {
    const { ledger } = settled();
    const entries = ledger.journal();
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) {
      const data = JSON.parse(JSON.stringify(entry)) as Record<string, unknown>;
      expect(data['amount']).toBe(entry.amount.toString());
      expect(data['sequence']).toBe(entry.sequence);
      expect(Object.keys(data).some((k) => k.endsWith('Steps') || k === 'step')).toBe(false);
      const info = ledger.transferInfo(entry.transferId);
      expect(info).toBeDefined();
      const transfer = JSON.parse(JSON.stringify(info)) as Record<string, unknown>;
      expect(transfer).toMatchObject({ id: entry.transferId, amount: info?.amount.toString(), posted: info?.posted.toString(), status: info?.status });
      expect(Object.keys(transfer).some((k) => k.endsWith('Steps') || k === 'step')).toBe(false);
    }
  });

  it('are frozen objects with the keys of a plain result, in order, participants an own enumerable property', () => {
    const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' } });
    openSettlementAccounts(ledger, { participants: PEOPLE, credit: true });
    const r = settleInterval(ledger, BASE);
    expect(Object.isFrozen(r)).toBe(true);
    expect(Object.isFrozen(r.totals)).toBe(true);
    expect(Object.keys(r)).toEqual(['interval', 'status', 'batchId', 'transfers', 'participants', 'totals']);
    const d = Object.getOwnPropertyDescriptor(r, 'participants');
    expect(d?.enumerable).toBe(true);
    expect(d?.configurable).toBe(false);
    expect(r.participants).toBe(r.participants);
    expect(Object.isFrozen(r.participants)).toBe(true);
    expect(r.participants.map((p) => p.participant)).toEqual(PEOPLE);
  });

  it('build each participant\'s figures on first read, the same after later settlements reused the working memory', () => {
    const other: IntervalSettlementInput = {
      ...BASE,
      interval: 'I2',
      trades: [{ sequence: 5, buyer: 'canopy', seller: 'library', quantity: '7', price: '2000' }],
      meters: [
        { participant: 'library', exported: '9' },
        { participant: 'canopy', imported: '1' },
        { participant: 'ev-hub', exported: '0.5' },
      ],
    };
    const make = (): Ledger => {
      const l = new Ledger({ assets: { VND: '1', kWh: '0.001' } });
      openSettlementAccounts(l, { participants: PEOPLE, credit: true });
      return l;
    };
    const ledger = make();
    const first = settleInterval(ledger, BASE);
    const second = settleInterval(ledger, other);
    settleInterval(make(), { ...other, interval: 'I3' });
    const expected = JSON.stringify(settleInterval(make(), BASE).participants);
    expect(JSON.stringify(first.participants)).toBe(expected);
    expect(JSON.stringify(second.participants)).toBe(JSON.stringify(settleInterval(make(), other).participants));
    expect(JSON.stringify(first)).toBe(JSON.stringify(settleInterval(make(), BASE)));
  });
});
