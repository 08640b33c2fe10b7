import { describe, expect, it } from 'vitest';
import { ErrorCode, Ledger, openSettlementAccounts } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

describe('openSettlementAccounts', () => {
  it('opens the system accounts and each participant\'s accounts once, with the limits settlement expects', () => {
    const ledger = new Ledger({ assets: { EUR: '0.01', kWh: '0.001' } });
    const opened = openSettlementAccounts(ledger, { participants: ['a', 'b'] });
    expect(opened).toEqual([
      'utility:EUR', 'utility:kWh', 'network:EUR', 'grid:kWh', 'market:EUR', 'residue:EUR', 'clearing:EUR', 'clearing:kWh',
      'a:EUR', 'a:kWh', 'b:EUR', 'b:kWh',
    ]);
    expect(ledger.account('utility:EUR').allowNegative).toBe(true);
    expect(ledger.account('a:EUR')).toMatchObject({ owner: 'a', allowNegative: false });
    expect(openSettlementAccounts(ledger, { participants: ['a', 'c'], credit: true })).toEqual(['c:EUR', 'c:kWh']);
    expect(ledger.account('c:EUR').allowNegative).toBe(true);
  });

  it('opens nothing when anything is wrong', () => {
    const ledger = new Ledger({ assets: { EUR: '0.01', kWh: '0.001', USD: '0.01' } });
    const hash = ledger.stateHash();
    expectWattError(() => openSettlementAccounts(ledger, { participants: ['a'] }), ErrorCode.INVALID_OPTION); // which money asset?
    expectWattError(() => openSettlementAccounts(ledger, { participants: ['a', ''] }, { moneyAsset: 'EUR' }), ErrorCode.INVALID_ID);
    expectWattError(() => openSettlementAccounts(ledger, { participants: 'a' } as never, { moneyAsset: 'EUR' }), ErrorCode.INVALID_ARGUMENT);
    expectWattError(() => openSettlementAccounts(ledger, { participants: [], credit: 1 } as never, { moneyAsset: 'EUR' }), ErrorCode.INVALID_OPTION);
    expectWattError(() => openSettlementAccounts(ledger, { participants: [], more: 1 } as never, { moneyAsset: 'EUR' }), ErrorCode.INVALID_ARGUMENT);
    expectWattError(() => openSettlementAccounts(ledger, { participants: [] }, { moneyAsset: 'GBP' }), ErrorCode.UNKNOWN_ASSET);
    expect(ledger.stateHash()).toBe(hash);
    expect(ledger.accountIds()).toEqual([]);
  });
});
