import { Decimal } from 'decimal.js';
import type { Ledger } from './ledger.js';
import type { AccountInput, BatchOptions, BatchTransferInput, LedgerOperation, TransferInput } from './ledger-types.js';

/** A field value as a ledger command keeps it: Decimals become their exact text. */
export type LedgerCommandValue = string | number | boolean;

/** A transfer, leg or operation as a ledger command keeps it: its fields, amounts as exact text or numbers. */
export type LedgerCommandFields = Readonly<Record<string, LedgerCommandValue>>;

/** What every ledger command but `openAccount` has. */
export interface TimedLedgerCommand {
  /** What the ledger's clock returned for the command, ms (absent for a ledger without a clock). */
  readonly time?: number;
}

/** {@link Ledger.openAccount}. */
export interface OpenAccountCommand {
  /** The discriminant. */
  readonly kind: 'openAccount';
  /** The account as given. */
  readonly account: LedgerCommandFields;
}

/** {@link Ledger.transfer}. */
export interface TransferCommand extends TimedLedgerCommand {
  /** The discriminant. */
  readonly kind: 'transfer';
  /** The transfer as given. */
  readonly transfer: LedgerCommandFields;
}

/** {@link Ledger.batch}. */
export interface BatchCommand extends TimedLedgerCommand {
  /** The discriminant. */
  readonly kind: 'batch';
  /** The transfers as given. */
  readonly transfers: readonly LedgerCommandFields[];
  /** The batch id, when it had one. */
  readonly id?: string;
}

/** {@link Ledger.execute}. */
export interface ExecuteCommand extends TimedLedgerCommand {
  /** The discriminant. */
  readonly kind: 'execute';
  /** The operations as given. */
  readonly operations: readonly LedgerCommandFields[];
}

/** {@link Ledger.postPending}. */
export interface PostPendingCommand extends TimedLedgerCommand {
  /** The discriminant. */
  readonly kind: 'postPending';
  /** The pending transfer's id. */
  readonly id: string;
  /** The amount posted, when not all of it. */
  readonly amount?: LedgerCommandValue;
}

/** {@link Ledger.voidPending}. */
export interface VoidPendingCommand extends TimedLedgerCommand {
  /** The discriminant. */
  readonly kind: 'voidPending';
  /** The pending transfer's id. */
  readonly id: string;
}

/**
 * One accepted ledger command as plain JSON data, as a durable ledger journals it: replaying the
 * commands in order on a new ledger gives the same {@link Ledger.stateHash}. `time` is what the
 * ledger's clock returned for the command (absent without a clock), so a replay reads no clock.
 */
export type LedgerCommand = OpenAccountCommand | TransferCommand | BatchCommand | ExecuteCommand | PostPendingCommand | VoidPendingCommand;

/** The kinds of {@link LedgerCommand}. */
export type LedgerCommandKind = LedgerCommand['kind'];

/** The command methods of a ledger (refused once it is closed). */
export const LEDGER_COMMAND_METHODS: readonly string[] = Object.freeze(['openAccount', 'transfer', 'batch', 'execute', 'postPending', 'voidPending']);

/** A validated input object as plain fields (it passed the command's checks, so its fields are known). */
function fields(input: unknown): LedgerCommandFields {
  const out: Record<string, LedgerCommandValue> = {};
  for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
    if (v === undefined) continue;
    out[k] = Decimal.isDecimal(v) ? v.toFixed() : (v as LedgerCommandValue);
  }
  return out;
}

const timed = (time: number): { time?: number } => (Number.isNaN(time) ? {} : { time });

/**
 * Builds the journal form of a command that was just accepted. `a` and `b` are the command's
 * arguments as the caller passed them (checked already).
 */
export function ledgerCommand(kind: LedgerCommandKind, time: number, a: unknown, b?: unknown): LedgerCommand {
  switch (kind) {
    case 'openAccount':
      return { kind, account: fields(a) };
    case 'transfer':
      return { kind, ...timed(time), transfer: fields(a) };
    case 'batch': {
      const id = (b as BatchOptions | undefined)?.id;
      return { kind, ...timed(time), transfers: (a as readonly unknown[]).map(fields), ...(id === undefined ? {} : { id }) };
    }
    case 'execute':
      return { kind, ...timed(time), operations: (a as readonly unknown[]).map(fields) };
    case 'postPending':
      return { kind, ...timed(time), id: a as string, ...(b === undefined ? {} : { amount: Decimal.isDecimal(b) ? b.toFixed() : (b as LedgerCommandValue) }) };
    case 'voidPending':
      return { kind, ...timed(time), id: a as string };
  }
}

/** Carries out one journalled command on `ledger` again (the replay clock is set by the caller). */
export function applyLedgerCommand(ledger: Ledger, c: LedgerCommand): void {
  switch (c.kind) {
    case 'openAccount':
      ledger.openAccount(c.account as unknown as AccountInput);
      break;
    case 'transfer':
      ledger.transfer(c.transfer as unknown as TransferInput);
      break;
    case 'batch':
      ledger.batch(c.transfers as unknown as BatchTransferInput[], c.id === undefined ? undefined : { id: c.id });
      break;
    case 'execute':
      ledger.execute(c.operations as unknown as LedgerOperation[]);
      break;
    case 'postPending':
      ledger.postPending(c.id, c.amount as string | number | undefined);
      break;
    case 'voidPending':
      ledger.voidPending(c.id);
      break;
    default:
      throw new TypeError(`unknown ledger command kind ${JSON.stringify((c as { kind: unknown }).kind)}`);
  }
}
