import { describe, expect, it } from 'vitest';
import { ErrorCode, Market } from '../../src/index.js';
import type { MarketCommand, MarketOptions } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';
import { campusMarket, fund } from './market-helpers.js';

function journalled(): { journal: readonly MarketCommand[]; options: Omit<MarketOptions, 'clock'> } {
  const { market } = campusMarket();
  fund(market, ['roof']);
  return { journal: market.journal(), options: { tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1 } };
}

describe('Market.replay (replayJournal, applyJournalEntry)', () => {
  it('reaches the journal\'s state', () => {
    const { market } = campusMarket();
    fund(market, ['roof']);
    const again = Market.replay(market.journal(), { tariff: { retailPrice: 2204, feedInPrice: 671 }, priceTick: 1 });
    expect(again.stateHash()).toBe(market.stateHash());
    expect(again.journal()).toEqual(market.journal());
  });

  it('refuses an init entry after the first (INVALID_JOURNAL)', () => {
    const { journal, options } = journalled();
    const last = journal[journal.length - 1] as MarketCommand;
    const broken = [...journal, { kind: 'init', seq: last.seq + 1, time: last.time, optionsHash: 'x' } as MarketCommand];
    const e = expectWattError(() => Market.replay(broken, options), ErrorCode.INVALID_JOURNAL, { fnName: 'Market.replay' });
    expect(e.message).toContain('an init entry can only come first');
  });

  it('refuses an entry of an unknown kind (INVALID_JOURNAL)', () => {
    const { journal, options } = journalled();
    const last = journal[journal.length - 1] as MarketCommand;
    const broken = [...journal, { kind: 'teleport', seq: last.seq + 1, time: last.time } as unknown as MarketCommand];
    const e = expectWattError(() => Market.replay(broken, options), ErrorCode.INVALID_JOURNAL, { fnName: 'Market.replay' });
    expect(e.message).toContain('unknown command kind "teleport"');
  });
});
