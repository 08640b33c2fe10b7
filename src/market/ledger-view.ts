import type { Ledger } from '../ledger/ledger.js';

/**
 * What a {@link Market} shows of its ledger: every read (balances, statements, the journal,
 * verification, snapshots, the state hash) and no write. Money moves only through the market's
 * journalled commands (deposit, withdraw, orders, settlement), so a replay of the market's journal
 * reaches the same ledger.
 */
export type MarketLedgerView = Pick<
  Ledger,
  | 'balance'
  | 'available'
  | 'balanceSteps'
  | 'availableSteps'
  | 'hasAccount'
  | 'account'
  | 'accountIds'
  | 'assets'
  | 'transferInfo'
  | 'hasBatch'
  | 'batchTransferIds'
  | 'journal'
  | 'exportJournal'
  | 'statement'
  | 'verify'
  | 'snapshot'
  | 'stateHash'
> & {
  /** The ledger's sequence number (see `Ledger.sequence`). */
  readonly sequence: number;
  /** The number of entries in the ledger's journal (see `Ledger.journalLength`). */
  readonly journalLength: number;
};

/** A read-only view of `ledger`: its read methods bound to it, frozen. */
export function ledgerView(ledger: Ledger): MarketLedgerView {
  return Object.freeze({
    balance: (id: string) => ledger.balance(id),
    available: (id: string) => ledger.available(id),
    balanceSteps: (id: string) => ledger.balanceSteps(id),
    availableSteps: (id: string) => ledger.availableSteps(id),
    hasAccount: (id: string) => ledger.hasAccount(id),
    account: (id: string) => ledger.account(id),
    accountIds: () => ledger.accountIds(),
    assets: () => ledger.assets(),
    transferInfo: (id: string) => ledger.transferInfo(id),
    hasBatch: (id: string) => ledger.hasBatch(id),
    batchTransferIds: (id: string) => ledger.batchTransferIds(id),
    journal: (...a: Parameters<Ledger['journal']>) => ledger.journal(...a),
    exportJournal: (...a: Parameters<Ledger['exportJournal']>) => ledger.exportJournal(...a),
    statement: (...a: Parameters<Ledger['statement']>) => ledger.statement(...a),
    verify: () => ledger.verify(),
    snapshot: () => ledger.snapshot(),
    stateHash: () => ledger.stateHash(),
    get sequence() {
      return ledger.sequence;
    },
    get journalLength() {
      return ledger.journalLength;
    },
  });
}
