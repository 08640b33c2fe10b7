// The ledger side of a market's construction, out of market.ts so that the constructor reads as
// the wiring of its parts: which accounts a market opens in its ledger (and which it leaves out)
// is decided here in one place.

import { Reservations } from '../settlement/reservations.js';
import { resolveSettlementConfig } from '../settlement/settlement-config.js';
import { openSettlementAccounts } from '../settlement/open-settlement-accounts.js';
import { settlementOptionsOf, type MarketConfig } from './market-config.js';
import type { MarketCore } from './market-core.js';

/**
 * Opens what a new (or restored) market keeps in its ledger before its first command: the
 * settlement accounts, the bank account money enters and leaves the market through, the
 * network's congestion-rent account where rent can arise, and the collateral reservations (with
 * collateral on); and tells the core whether the ledger counts energy in the market's quantity step.
 * @returns the bank account's id (`bank:<currency>`).
 */
export function openMarketAccounts(config: MarketConfig, core: MarketCore): string {
  const settlement = settlementOptionsOf(config);
  openSettlementAccounts(config.ledger, { participants: [] }, settlement);
  const bank = `bank:${config.currency.code}`;
  if (!config.ledger.hasAccount(bank)) config.ledger.openAccount({ id: bank, asset: config.currency.code, allowNegative: true });
  // The network's congestion-rent account, only where rent can arise (a market without
  // capacities keeps exactly the accounts it always had).
  const congestion = core.settlementConfig().accounts.congestion;
  if (config.capacity !== undefined && !config.ledger.hasAccount(congestion)) config.ledger.openAccount({ id: congestion, asset: config.currency.code, allowNegative: true });
  if (config.collateral || config.energyCollateral) {
    core.idsVouched = false;
    core.collateral = new Reservations(config.ledger, resolveSettlementConfig(config.ledger, { ...settlement, idPrefix: 'collateral' }, 'Market'));
  }
  // Collateral and settlement count energy in the ledger's kWh step: the market's own quantity
  // step, unless the market was given a ledger with another.
  core.sameEnergyStep = core.settlementConfig().energyStep.text === config.quantityStep.text;
  return bank;
}
