/**
 * wattmarket: the trading core for local peer-to-peer energy markets.
 *
 * Everything public is named here; anything not exported from this file is private.
 * @packageDocumentation
 */
export { Decimal } from 'decimal.js';

export { ErrorCode } from './errors/error-codes.js';
export { WattError } from './errors/watt-error.js';
export type { ValueErrorReason } from './errors/watt-error.js';

export type { DecimalInput } from './units/decimal-input.js';
export { DecimalGrid } from './units/decimal-grid.js';
export type { DecimalGridOptions } from './units/decimal-grid.js';
export { ROUNDING_MODES } from './units/rounding.js';
export type { RoundingMode } from './units/rounding.js';

export { createRandom, SeededRandom } from './random/random.js';
export type { Random } from './random/random.js';
export { ManualClock } from './time/clock.js';
export type { Clock } from './time/clock.js';

export { Ledger } from './ledger/ledger.js';
export { LedgerEntry } from './ledger/ledger-entry.js';
export { TransferInfo } from './ledger/transfer-info.js';
export type { TransferStatus } from './ledger/transfer-info.js';
export type {
  AccountInfo,
  AccountInput,
  BatchOptions,
  LedgerAsset,
  LedgerOperation,
  LedgerOptions,
  OperationResult,
  SequenceRange,
  TransferInput,
  TransferResult,
} from './ledger/ledger-types.js';
export type { EntryKindName } from './ledger/ledger-state.js';
export type { JournalFormat } from './ledger/journal-export.js';
export type { Statement, StatementLine } from './ledger/statement.js';
export type { BalanceMismatch, VerifyReport } from './ledger/ledger-verify.js';
export type { LedgerSnapshot, SnapshotAccount, SnapshotAsset, SnapshotBatch, SnapshotEntry } from './ledger/ledger-snapshot.js';

export { settleInterval } from './settlement/settle-interval.js';
export { openSettlementAccounts } from './settlement/open-settlement-accounts.js';
export type { SettlementAccountsInput } from './settlement/open-settlement-accounts.js';
export { ParticipantSettlement } from './settlement/settlement-result.js';
export type { SettlementResult, SettlementTotals } from './settlement/settlement-result.js';
export type {
  GridFee,
  IntervalSettlementInput,
  MeterReading,
  SettlementAccounts,
  SettlementOptions,
  SettlementRounding,
  SettlementTrade,
  Tariff,
} from './settlement/settlement-types.js';
export { Collateral } from './settlement/collateral.js';
export type {
  CollateralBuyOrder,
  CollateralFill,
  CollateralFillResult,
  CollateralOptions,
  CollateralReservation,
  CollateralSellOrder,
} from './settlement/collateral.js';
