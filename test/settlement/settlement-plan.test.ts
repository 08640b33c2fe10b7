import { describe, expect, it } from 'vitest';
import { ErrorCode, Ledger, openSettlementAccounts, settleInterval } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';
import { BASE, PEOPLE } from './settlement-fixtures.js';

// planSettlement keeps its interval totals as doubles while every partial sum is a safe integer and
// spills the rest into a bigint; it writes the legs out itself where no check can fail and leaves
// the rest to `flow`. These tests reach the spill and the refusals of the fallback.

/** A ledger whose grid holds 2^52 energy steps, so that exports beyond 2^53 steps in total can be posted. */
function fundedGrid(): Ledger {
  const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' } });
  openSettlementAccounts(ledger, { participants: ['a', 'b'] });
  ledger.openAccount({ id: 'bank:kWh', asset: 'kWh', allowNegative: true });
  ledger.transfer({ id: 'fund', from: 'bank:kWh', to: 'grid:kWh', amount: '4503599627370.496' });
  return ledger;
}

describe('planSettlement totals (regression: exact sums written out)', () => {
  it('adds totals beyond the safe integers exactly', () => {
    const ledger = fundedGrid();
    // 2^52 + 1 and 2^52 + 2 steps: their sum, 2^53 + 3, is no double.
    const r = settleInterval(ledger, {
      interval: 'big',
      trades: [],
      meters: [
        { participant: 'a', exported: '4503599627370.497', imported: '4503599627370.497' },
        { participant: 'b', exported: '4503599627370.498', imported: '4503599627370.498' },
      ],
      tariff: { retailPrice: '2500', feedInPrice: '800' },
    });
    expect(r.totals.exported.toString()).toBe('9007199254740.995');
    expect(r.totals.imported.toString()).toBe('9007199254740.995');
    expect(r.totals.utilitySupplied.toString()).toBe('0');
    expect(r.participants.map((p) => p.exported.toString())).toEqual(['4503599627370.497', '4503599627370.498']);
    expect(ledger.balance('grid:kWh').toString()).toBe('4503599627370.496');
    expect(ledger.balanceSteps('a:kWh')).toBe(0);
    expect(ledger.verify().ok).toBe(true);
  });

  it('moves the same amounts between the same accounts whether legs are written out (derived ids) or go through flow (named ids)', () => {
    const open = (): Ledger => {
      const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' } });
      openSettlementAccounts(ledger, { participants: PEOPLE, credit: true });
      return ledger;
    };
    const derived = open();
    const named = open();
    const a = settleInterval(derived, BASE);
    const b = settleInterval(named, BASE, { legIds: 'named' });
    expect(derived.batchTransferIds(a.batchId)?.length).toBe(named.batchTransferIds(b.batchId)?.length);
    for (const id of derived.accountIds()) expect([id, derived.balanceSteps(id)]).toEqual([id, named.balanceSteps(id)]);
    expect(JSON.stringify(a.totals)).toBe(JSON.stringify(b.totals));
    const steps = (l: Ledger, batch: string): [string, string, string][] =>
      (l.batchTransferIds(batch) ?? []).map((id) => {
        const t = l.transferInfo(id)!;
        return [t.from, t.to, String(t.amountSteps)];
      });
    expect(steps(derived, a.batchId)).toEqual(steps(named, b.batchId));
  });
});

describe('planSettlement refusals on the fallback path', () => {
  it('refuses a meter leg to a system account that is not open, posting nothing', () => {
    const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' } });
    openSettlementAccounts(ledger, { participants: PEOPLE, credit: true });
    const before = ledger.stateHash();
    for (const accounts of [{ grid: 'nowhere' }, { network: 'nowhere' }, { clearing: 'nowhere' }]) {
      const e = expectWattError(() => settleInterval(ledger, BASE, { accounts }), ErrorCode.UNKNOWN_ACCOUNT, { fnName: 'settleInterval' });
      expect(e.message).toContain("account 'nowhere' is not open");
    }
    expect(ledger.stateHash()).toBe(before);
  });
});
