import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import type { Ledger } from '../ledger/ledger.js';
import { accountIndex } from '../ledger/step-legs.js';
import type { SettlementConfig } from './settlement-config.js';

// Account indexes of `<participant>:<asset>` per ledger and asset, found once: a ledger never
// closes or renumbers an account, so an index, once found, holds for good. Only the default
// naming is cached; a `participantAccount` function is asked every time, as it always was.
const cache = new WeakMap<Ledger, Map<string, Map<string, number>>>();

/**
 * Each metered participant's money and energy account indexes for one settlement (-1 for an
 * account that is not open: settlement refuses it with UNKNOWN_ACCOUNT only if a leg needs it),
 * after checking that no participant would use a system account or share one with another.
 * @throws WattError INVALID_SETTLEMENT; INVALID_OPTION when `participantAccount` returns no id.
 */
export function resolveParticipantAccounts(
  ledger: Ledger,
  cfg: SettlementConfig,
  participants: readonly string[],
  fn: string,
): { readonly money: Int32Array; readonly energy: Int32Array } {
  const n = participants.length;
  const money = new Int32Array(n);
  const energy = new Int32Array(n);
  if (cfg.defaultNaming) {
    // `<p>:<money>` and `<p>:<energy>` differ for different p (and from each other), so only a
    // system account can clash: one named `<p>:<asset>` for some participant p.
    const system = clashingParticipants(cfg);
    let byLedger = cache.get(ledger);
    if (byLedger === undefined) {
      byLedger = new Map();
      cache.set(ledger, byLedger);
    }
    const moneyIndex = assetMap(byLedger, cfg.moneyAsset);
    const energyIndex = assetMap(byLedger, cfg.energyAsset);
    for (let m = 0; m < n; m++) {
      const p = participants[m] as string;
      if (system.size > 0 && system.has(p)) {
        const id = [cfg.participantAccount(p, cfg.moneyAsset), cfg.participantAccount(p, cfg.energyAsset)].find((a) => isSystem(cfg, a)) as string;
        fail(ErrorCode.INVALID_SETTLEMENT, fn, `participant '${p}' would use the system account '${id}'`);
      }
      money[m] = cached(ledger, moneyIndex, p, cfg.moneyAsset);
      energy[m] = cached(ledger, energyIndex, p, cfg.energyAsset);
    }
    return { money, energy };
  }
  const owners = new Map<string, string>();
  for (let m = 0; m < n; m++) {
    const p = participants[m] as string;
    const ids = [cfg.participantAccount(p, cfg.moneyAsset), cfg.participantAccount(p, cfg.energyAsset)];
    for (const id of ids) {
      if (isSystem(cfg, id)) fail(ErrorCode.INVALID_SETTLEMENT, fn, `participant '${p}' would use the system account '${id}'`);
      const owner = owners.get(id);
      if (owner !== undefined) fail(ErrorCode.INVALID_SETTLEMENT, fn, `participants '${owner}' and '${p}' would share the account '${id}'`);
      owners.set(id, p);
    }
    money[m] = accountIndex(ledger, ids[0] as string) ?? -1;
    energy[m] = accountIndex(ledger, ids[1] as string) ?? -1;
  }
  return { money, energy };
}

function assetMap(byLedger: Map<string, Map<string, number>>, asset: string): Map<string, number> {
  let map = byLedger.get(asset);
  if (map === undefined) {
    map = new Map();
    byLedger.set(asset, map);
  }
  return map;
}

function cached(ledger: Ledger, map: Map<string, number>, participant: string, asset: string): number {
  const hit = map.get(participant);
  if (hit !== undefined) return hit;
  const index = accountIndex(ledger, `${participant}:${asset}`);
  if (index === undefined) return -1;
  map.set(participant, index);
  return index;
}

function isSystem(cfg: SettlementConfig, id: string): boolean {
  const a = cfg.accounts;
  return id === a.utility || id === a.utilityEnergy || id === a.network || id === a.grid || id === a.marketOperator ||
    id === a.residue || id === a.clearing || id === a.clearingEnergy;
}

/** The participants whose default account ids would be system account ids. */
function clashingParticipants(cfg: SettlementConfig): Set<string> {
  const out = new Set<string>();
  for (const id of Object.values(cfg.accounts)) {
    for (const asset of [cfg.moneyAsset, cfg.energyAsset]) {
      const suffix = `:${asset}`;
      if (id.endsWith(suffix)) out.add(id.slice(0, -suffix.length));
    }
  }
  return out;
}
