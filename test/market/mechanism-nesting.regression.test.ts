import { describe, expect, it } from 'vitest';
import { ManualClock, Market, type MarketOptions } from '../../src/index.js';
import { DAY, fund, MIN, nestingMechanism, placeCrossingPair } from './market-helpers.js';
import { codeOf } from '../helpers/expect-watt-error.js';

// Second review: a custom mechanism is user code that runs inside
// advanceTo, between the gate's clearing (the check of which orders trade) and its application
// (the change). Commands it calls on its own market other than advanceTo are not refused.

const TARIFF = { retailPrice: 2204, feedInPrice: 671 };

function build(nested: (m: Market) => void, collateral: boolean): { market: Market; opts: Omit<MarketOptions, 'clock'> } {
  const ref: { market?: Market; armed: boolean } = { armed: false };
  const mechanism = nestingMechanism(ref, nested);
  const clock = new ManualClock(DAY - 60 * MIN);
  const opts: Omit<MarketOptions, 'clock'> = { tariff: TARIFF, priceTick: 1, collateral, energyCollateral: false, mode: 'auction', mechanism };
  const market = new Market({ clock, ...opts });
  ref.market = market;
  fund(market, ['a', 'b', 'c']);
  placeCrossingPair(market);
  clock.set(DAY - 5 * MIN);
  ref.armed = true;
  return { market, opts };
}

describe('review2: commands a mechanism calls on the market it clears for', () => {
  for (const collateral of [false, true]) {
    it(`R2-8: collateral ${String(collateral)}: a mechanism cancels an order it has just matched: either the cancel is refused or the trade is not applied`, () => {
      const nestedCancel: { code: string | undefined } = { code: 'not called' };
      const { market, opts } = build((m) => {
        nestedCancel.code = codeOf(() => m.cancel('b1'));
      }, collateral);
      const outer = codeOf(() => market.advanceTo(DAY - 5 * MIN));
      const trades = market.trades(DAY).filter((t) => t.buyOrderId === 'b1' || t.buyer === 'b');
      // Sound outcomes: the nested cancel refused (and b1 trades), or accepted and b1 does not trade.
      const code = nestedCancel.code;
      const sound = code !== undefined ? trades.length > 0 || outer !== undefined : trades.length === 0;
      expect(sound, JSON.stringify({ cancel: code ?? 'accepted', outer: outer ?? 'completed', b1Trades: trades.length })).toBe(true);
      if (outer === undefined) expect(Market.replay(market.journal(), opts).stateHash()).toBe(market.stateHash());
    });
  }
});
