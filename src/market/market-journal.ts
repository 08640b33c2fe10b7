import type { MarketConfig } from './market-config.js';
import { stepsInput } from './market-trade.js';
import type { ParsedOrder } from './order-intake.js';

/** A value as the journal keeps it: exact decimal text, or a number that prints exactly. */
export type JournalValue = string | number;

/** An order as the journal keeps it. */
export interface JournalOrder {
  /** See {@link MarketOrderInput}. */
  readonly id: string;
  /** The participant. */
  readonly participant: string;
  /** The interval's start, ms. */
  readonly deliveryStart: number;
  /** The side. */
  readonly side: 'buy' | 'sell';
  /** The quantity, kWh. */
  readonly quantity: JournalValue;
  /** The limit price, when it has one. */
  readonly price?: JournalValue;
  /** The order type, when not a limit order. */
  readonly type?: 'market';
  /** The time in force, when given. */
  readonly timeInForce?: 'GTC' | 'IOC' | 'FOK';
  /** True when post-only. */
  readonly postOnly?: true;
}

/** A meter reading as the journal keeps it. */
export interface JournalReading {
  /** The participant. */
  readonly participant: string;
  /** kWh exported. */
  readonly exported?: JournalValue;
  /** kWh imported. */
  readonly imported?: JournalValue;
  /** Net kWh exported. */
  readonly net?: JournalValue;
}

/** What every journal entry has: its number and the market time it took effect at. */
export interface CommandBase {
  /** 0 for the init entry, 1 for the market's first command, then one more per accepted command. */
  readonly seq: number;
  /** The market's effective time when the command was carried out, ms. */
  readonly time: number;
  /**
   * The ledger's time the command stamped its ledger entries with, ms: present on the commands
   * that read the ledger's clock (settle, deposit, withdraw; with collateral also submit, amend,
   * cancel and advance) when the ledger has a clock. Entry times enter the ledger's state hash,
   * so a replay stamps the entries with this time instead of reading its ledger's clock. Journals
   * without it (made before it existed) replay as before, reading the clock.
   */
  readonly ledgerTime?: number;
}

/**
 * The first entry of every journal (seq 0, not counted by `Market.sequence`): when the market was
 * made and a hash of the options that shape its state. {@link Market.replay} starts from it: the
 * market's time at construction, and the options check (OPTIONS_MISMATCH).
 */
export interface InitCommand extends CommandBase {
  /** The discriminant. */
  readonly kind: 'init';
  /** See `optionsHash`: replay and restore refuse options that hash otherwise. */
  readonly optionsHash: string;
}

/** A participant was registered. */
export interface RegisterCommand extends CommandBase {
  /** The discriminant. */
  readonly kind: 'register';
  /** Who, and in which zone. */
  readonly participant: {
    /** The participant's id. */
    readonly id: string;
    /** Its zone. */
    readonly zone: string;
  };
}

/** Money moved in or out. */
export interface FundsCommand extends CommandBase {
  /** The discriminant. */
  readonly kind: 'deposit' | 'withdraw';
  /** The transfer's id as given. */
  readonly id: string;
  /** The participant. */
  readonly participant: string;
  /** The amount. */
  readonly amount: JournalValue;
}

/** An order was placed. */
export interface SubmitCommand extends CommandBase {
  /** The discriminant. */
  readonly kind: 'submit';
  /** The order, normalised. */
  readonly order: JournalOrder;
}

/** An order was cancelled. */
export interface CancelCommand extends CommandBase {
  /** The discriminant. */
  readonly kind: 'cancel';
  /** The order. */
  readonly orderId: string;
}

/** An order was amended. */
export interface AmendCommand extends CommandBase {
  /** The discriminant. */
  readonly kind: 'amend';
  /** The order. */
  readonly orderId: string;
  /** The change as given. */
  readonly change: {
    /** The new price, when changed. */
    readonly price?: JournalValue;
    /** The new open quantity, when changed. */
    readonly quantity?: JournalValue;
  };
}

/** The market was advanced. */
export interface AdvanceCommand extends CommandBase {
  /** The discriminant. */
  readonly kind: 'advance';
  /** The target time, ms. */
  readonly to: number;
  /**
   * Present when a gate closure failed at this instant (a custom mechanism, MECHANISM_FAILED):
   * the call carried out the transitions before it and the market's processed time stopped just
   * before it. A replay carries out the same transitions and no more.
   */
  readonly stoppedBefore?: number;
}

/** An interval was settled. */
export interface SettleCommand extends CommandBase {
  /** The discriminant. */
  readonly kind: 'settle';
  /** The interval's start, ms. */
  readonly deliveryStart: number;
  /** The readings as given. */
  readonly readings: readonly JournalReading[];
}

/** Settled intervals were forgotten. */
export interface PruneCommand extends CommandBase {
  /** The discriminant. */
  readonly kind: 'prune';
  /** Intervals settled and ended by this time, ms, were forgotten (the argument of `prune`). */
  readonly until: number;
}

/**
 * One accepted command, as plain frozen data. The journal holds every command that changed the
 * market, in order; refused calls changed nothing and are not in it. {@link Market.replay} carries
 * the commands out again on a new market and reaches the same state hash.
 */
export type MarketCommand = InitCommand | RegisterCommand | FundsCommand | SubmitCommand | CancelCommand | AmendCommand | AdvanceCommand | SettleCommand | PruneCommand;

/** The kinds of {@link MarketCommand}. */
export type MarketCommandKind = MarketCommand['kind'];

/** A DecimalInput as journal text: numbers stay (they print exactly), Decimals become their text. */
export function journalValue(value: unknown): JournalValue {
  if (typeof value === 'number' || typeof value === 'string') return value;
  return String(value); // a Decimal: its exact text
}

/** The journal form of an accepted order: its fields as exact decimal text (numbers where they print exactly). */
export function journalOrder(o: ParsedOrder, config: MarketConfig): JournalOrder {
  return Object.freeze({
    id: o.id,
    participant: o.participant.id,
    deliveryStart: o.start,
    side: o.side,
    quantity: stepsInput(o.lots, config.quantityStep),
    ...(Number.isNaN(o.priceTicks) ? { type: 'market' as const } : { price: stepsInput(o.priceTicks, config.priceTick) }),
    ...(o.timeInForce === undefined ? {} : { timeInForce: o.timeInForce }),
    ...(o.postOnly ? { postOnly: true as const } : {}),
  });
}

/** A command as the market builds it, before `MarketRecorder.record` numbers and times it. */
export type CommandBody = DistributiveOmit<Exclude<MarketCommand, InitCommand>, 'seq' | 'time'>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
