import { StateHasher } from '../hashing/state-hasher.js';
import type { LedgerState } from './ledger-state.js';

/**
 * Hashes everything that makes up a ledger's observable state: assets, accounts with their
 * balances and pending sums, transfers with their states, journal entries and batches.
 */
export function ledgerStateHash(s: LedgerState): string {
  const h = new StateHasher();
  h.number(s.assetCodes.length);
  s.assetCodes.forEach((code, i) => h.string(code).string((s.assetSteps[i] as { text: string }).text));
  h.number(s.accountCount);
  for (let a = 0; a < s.accountCount; a++) {
    h.string(s.accountIds[a] as string).number(s.accountAsset[a] as number);
    const owner = s.accountOwner[a];
    if (owner === undefined) h.absent();
    else h.string(owner);
    h.boolean(s.accountAllowNegative[a] as boolean);
    h.number(s.balance[a] as number).number(s.pendingDebit[a] as number).number(s.pendingCredit[a] as number);
  }
  h.number(s.transferCount);
  for (let t = 0; t < s.transferCount; t++) {
    h.string(s.transferId(t)).number(s.transferFrom[t] as number).number(s.transferTo[t] as number);
    h.number(s.transferAmount[t] as number).number(s.transferState[t] as number).number(s.transferPosted[t] as number);
    const memo = s.memoOf(t);
    if (memo === undefined) h.absent();
    else h.string(memo);
  }
  h.number(s.sequence);
  for (let i = 0; i < s.sequence; i++) {
    h.number(s.entryKind[i] as number).number(s.entryTransferOf(i));
    h.number(s.entryAmountOf(i)).number(s.entryReleased[i] as number);
    h.number(s.timeOf(i)).number(s.entryBatch[i] as number);
  }
  h.number(s.batchIds.length);
  s.batchIds.forEach((id, b) => {
    h.string(id);
    // Read leg by leg: list() would copy every range batch (a day ledger's settlements) for the hash.
    const lists = s.batchTransfers;
    const n = lists.length(b);
    h.number(n);
    for (let k = 0; k < n; k++) h.number(lists.at(b, k));
  });
  return h.digest();
}
