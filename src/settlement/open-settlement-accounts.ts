import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { Ledger } from '../ledger/ledger.js';
import { checkArray, checkBoolean, checkFields, checkId, checkObject } from '../validation/checks.js';
import { checkLedger, resolveSettlementConfig } from './settlement-config.js';
import type { SettlementOptions } from './settlement-types.js';

const FN = 'openSettlementAccounts';

/** What {@link openSettlementAccounts} opens accounts for. */
export interface SettlementAccountsInput {
  /** The participants: each gets a money and an energy account (owned by it). */
  readonly participants: readonly string[];
  /**
   * Whether participants' money accounts may go negative (settlement on credit). Default `false`:
   * a settlement a participant cannot cover is refused with INSUFFICIENT_FUNDS. Energy accounts
   * never need to: settlement nets each to zero, credits first.
   */
  readonly credit?: boolean;
}

/**
 * Opens every account settlement needs that is not open yet: the system accounts (utility,
 * network, grid, market operator, residue, clearing; all may go negative) and each participant's
 * money and energy accounts. Accounts already open are left as they are, so calling it again for
 * new participants is safe.
 * @returns the ids of the accounts it opened, in order.
 * @throws WattError INVALID_ARGUMENT, INVALID_ID, INVALID_OPTION, UNKNOWN_ASSET (nothing is opened then).
 * @example
 * ```ts
 * openSettlementAccounts(ledger, { participants: ['roof', 'lab'] });
 * // opens utility:VND, utility:kWh, network:VND, grid:kWh, market:VND, residue:VND,
 * //       clearing:VND, clearing:kWh, roof:VND, roof:kWh, lab:VND, lab:kWh
 * ```
 */
export function openSettlementAccounts(ledger: Ledger, input: SettlementAccountsInput, options?: SettlementOptions): readonly string[] {
  const l = checkLedger(ledger, FN);
  const cfg = resolveSettlementConfig(l, options, FN);
  const o = checkObject(input, FN, 'input');
  checkFields(o, ['participants', 'credit'], FN, 'input field');
  const participants = checkArray(o['participants'], FN, 'participants').map((p) => checkId(p, FN, 'participant'));
  const credit = checkBoolean(o['credit'], false, FN, 'credit');
  const wanted: { id: string; asset: string; owner?: string; allowNegative: boolean }[] = [];
  const a = cfg.accounts;
  for (const [id, asset] of [
    [a.utility, cfg.moneyAsset], [a.utilityEnergy, cfg.energyAsset], [a.network, cfg.moneyAsset], [a.grid, cfg.energyAsset],
    [a.marketOperator, cfg.moneyAsset], [a.residue, cfg.moneyAsset], [a.clearing, cfg.moneyAsset], [a.clearingEnergy, cfg.energyAsset],
  ] as const) {
    wanted.push({ id, asset, allowNegative: true });
  }
  for (const p of participants) {
    wanted.push({ id: cfg.participantAccount(p, cfg.moneyAsset), asset: cfg.moneyAsset, owner: p, allowNegative: credit });
    wanted.push({ id: cfg.participantAccount(p, cfg.energyAsset), asset: cfg.energyAsset, owner: p, allowNegative: false });
  }
  const seen = new Set<string>();
  const opened: string[] = [];
  const toOpen = wanted.filter((w) => {
    if (seen.has(w.id) || l.hasAccount(w.id)) return false;
    seen.add(w.id);
    return true;
  });
  // Every account is checked (ids, assets) before the first is opened, so a refusal opens none.
  for (const w of toOpen) {
    if (!l.assets().some((x) => x.code === w.asset)) fail(ErrorCode.UNKNOWN_ASSET, FN, `asset '${w.asset}' is not in the ledger`);
  }
  for (const w of toOpen) {
    l.openAccount(w);
    opened.push(w.id);
  }
  return Object.freeze(opened);
}
