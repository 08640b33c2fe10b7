import { StateHasher } from '../hashing/state-hasher.js';
import type { MarketConfig } from './market-config.js';

/**
 * A hash of everything in a market's options that shapes its state: the schedule, zones and
 * modes, grids and currency, tariff and fees, the auction's mechanism (a custom one by its name),
 * k and rationing, collateral and credit, utility orders, and the state of the ledger it was given
 * (before the market opened its accounts). Not the clock or the journal switch: they shape no
 * state. The journal's `init` command and every snapshot carry it; a replay or restore with
 * options that hash otherwise is refused (OPTIONS_MISMATCH).
 */
export function optionsHash(config: MarketConfig, ledgerHash: string): string {
  const s = config.schedule;
  const a = config.auction;
  const m = a.mechanism ?? 'uniform';
  const mechanism = typeof m === 'string' ? m : `custom:${m.name}`;
  const fees = a.zones?.fees;
  const text = JSON.stringify({
    v: 1,
    zones: config.zones,
    modes: config.modes,
    schedule: [s.intervalMs, s.horizonMs, s.gateMs, s.callMs],
    priceTick: config.priceTick.text,
    quantityStep: config.quantityStep.text,
    currency: [config.currency.code, config.currency.step.text],
    tariff: config.settlementTariff,
    band: [config.retailTicks, config.feedInTicks],
    mechanism,
    k: String(a.k),
    rationing: a.rationing,
    // Fee values as their decimal text, so 2 and '2' hash alike.
    zoneFees: fees === undefined ? null : Object.keys(fees).map((from) => [from, Object.keys(fees[from] ?? {}).map((to) => [to, String(fees[from]?.[to])])]),
    collateral: config.collateral,
    energyCollateral: config.energyCollateral,
    utilityOrders: config.utilityOrders,
    participantCredit: config.participantCredit,
    // Only when given, so the hash of a market without capacities is unchanged.
    ...(config.capacity === undefined ? {} : { zoneCapacity: config.capacity.links }),
  });
  return new StateHasher().string(text).string(ledgerHash).digest();
}
