import { expect, it } from 'vitest';
import { Ledger, openSettlementAccounts, settleInterval } from '../../src/index.js';
import { BASE, PEOPLE } from './settlement-fixtures.js';

// Review of the sixth round (pre-existing): when the ledger's clock, read inside postStepLegs,
// settles the same interval, the outer settleInterval reported 'settled' with all its transfers
// although its batch was only a retry that created nothing: both calls claimed the settlement.
// settle-interval.ts decided 'settled' or 'exists' from hasBatch before the clock was read.
it('reports exactly one of two settlements of one interval as settled when the ledger clock re-enters', () => {
  let armed = true;
  let inner: string | undefined;
  const box: { ledger?: Ledger } = {};
  const clock = {
    now(): number {
      if (armed) {
        armed = false;
        inner = settleInterval(box.ledger as Ledger, BASE).status;
      }
      return 1_000_000;
    },
  };
  const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' }, clock });
  box.ledger = ledger;
  openSettlementAccounts(ledger, { participants: PEOPLE, credit: true });
  const outer = settleInterval(ledger, BASE).status;
  expect(inner).toBe('settled');
  expect(ledger.journalLength).toBe(23); // one batch posted
  expect(outer).toBe('exists');
});
