import type { Decimal } from 'decimal.js';
import { fromSteps } from '../units/from-steps.js';
import type { Step } from '../units/step.js';

/**
 * What one participant's settlement of an interval came to. Energy in kWh, money in the money
 * asset; Decimals are built on first read. Signs: `imbalance` is positive for a surplus (sold to
 * the utility) and negative for a shortfall (bought from it); `imbalanceAmount` and `net` are
 * positive when the participant received money.
 */
export class ParticipantSettlement {
  /** The participant. */
  readonly participant: string;
  // Integers in steps (safe integers: settlement refuses sums it could not hold exactly).
  /** @internal */ soldSteps = 0;
  /** @internal */ boughtSteps = 0;
  /** @internal */ exportedSteps = 0;
  /** @internal */ importedSteps = 0;
  /** @internal */ imbalanceSteps = 0;
  /** @internal */ paidSteps = 0;
  /** @internal */ receivedSteps = 0;
  /** @internal */ feeSteps = 0;
  /** @internal */ imbalanceAmountSteps = 0;
  private readonly energyStep: Step;
  private readonly moneyStep: Step;

  /** @internal */
  constructor(participant: string, energyStep: Step, moneyStep: Step) {
    this.participant = participant;
    this.energyStep = energyStep;
    this.moneyStep = moneyStep;
  }

  /** Energy sold in trades. */
  get sold(): Decimal {
    return fromSteps(this.soldSteps, this.energyStep);
  }
  /** Energy bought in trades. */
  get bought(): Decimal {
    return fromSteps(this.boughtSteps, this.energyStep);
  }
  /** The contracted net position: sold minus bought. */
  get contracted(): Decimal {
    return fromSteps(BigInt(this.soldSteps) - BigInt(this.boughtSteps), this.energyStep);
  }
  /** Metered export. */
  get exported(): Decimal {
    return fromSteps(this.exportedSteps, this.energyStep);
  }
  /** Metered import. */
  get imported(): Decimal {
    return fromSteps(this.importedSteps, this.energyStep);
  }
  /** The actual net position: exported minus imported. */
  get actual(): Decimal {
    return fromSteps(BigInt(this.exportedSteps) - BigInt(this.importedSteps), this.energyStep);
  }
  /** Actual minus contracted: positive a surplus sold to the utility, negative a shortfall bought from it. */
  get imbalance(): Decimal {
    return fromSteps(this.imbalanceSteps, this.energyStep);
  }
  /** What the participant was charged for energy bought in trades (before any prepayment). */
  get paid(): Decimal {
    return fromSteps(this.paidSteps, this.moneyStep);
  }
  /** What the participant received for energy sold in trades. */
  get received(): Decimal {
    return fromSteps(this.receivedSteps, this.moneyStep);
  }
  /** Grid fees the participant paid. */
  get fees(): Decimal {
    return fromSteps(this.feeSteps, this.moneyStep);
  }
  /** The imbalance settled with the utility: positive a feed-in payment, negative a retail charge. */
  get imbalanceAmount(): Decimal {
    return fromSteps(this.imbalanceAmountSteps, this.moneyStep);
  }
  /** The participant's money result for the interval: received - paid - fees + imbalanceAmount. */
  get net(): Decimal {
    return fromSteps(BigInt(this.receivedSteps) - BigInt(this.paidSteps) - BigInt(this.feeSteps) + BigInt(this.imbalanceAmountSteps), this.moneyStep);
  }

  /**
   * Plain data with exact decimal strings (kWh and the money asset), for JSON and logs: what
   * `JSON.stringify` shows, not the step counts held inside.
   */
  toJSON(): Record<string, string> {
    const out: Record<string, string> = { participant: this.participant };
    for (const key of PARTICIPANT_KEYS) out[key] = this[key].toString();
    return out;
  }
}

const PARTICIPANT_KEYS = [
  'sold', 'bought', 'contracted', 'exported', 'imported', 'actual', 'imbalance', 'paid', 'received', 'fees', 'imbalanceAmount', 'net',
] as const;

/** The interval's totals. Energy in kWh, money in the money asset. */
export interface SettlementTotals {
  /** Energy metered into the grid. */
  readonly exported: Decimal;
  /** Energy metered out of the grid. */
  readonly imported: Decimal;
  /** Energy traded between participants. */
  readonly traded: Decimal;
  /** Shortfalls the utility supplied. */
  readonly utilitySupplied: Decimal;
  /** Surpluses the utility absorbed. exported + utilitySupplied = imported + utilityAbsorbed. */
  readonly utilityAbsorbed: Decimal;
  /** What buyers were charged for traded energy. */
  readonly buyerPayments: Decimal;
  /** What sellers received for traded energy. */
  readonly sellerReceipts: Decimal;
  /** Grid fees paid to the network operator: the tariff's fee and the zone fees priced into trades. */
  readonly gridFees: Decimal;
  /** What the market operator received (buyers' prices above sellers' beyond zone fees, rounded as a credit). */
  readonly marketSpread: Decimal;
  /** The rounding residue: buyerPayments - sellerReceipts - marketSpread - zone fees - congestionRent (may be negative). */
  readonly residue: Decimal;
  /** Retail charges paid to the utility for shortfalls. */
  readonly retailCharges: Decimal;
  /** Feed-in payments made by the utility for surpluses. */
  readonly feedInPayments: Decimal;
  /**
   * Congestion rent paid to the network's congestion account: what buyers paid across full
   * links beyond the sellers' receipts and the zone fees (a `Market` with link capacities;
   * otherwise 0), rounded as a credit. buyerPayments = sellerReceipts + zone fees +
   * congestionRent + marketSpread + residue.
   */
  readonly congestionRent: Decimal;
}

/** The interval's totals, held as integers and turned into Decimals on first read. @internal */
export class IntervalTotals implements SettlementTotals {
  private readonly cache: (Decimal | undefined)[] = [];

  /** @internal */
  constructor(
    private readonly energyStep: Step,
    private readonly moneyStep: Step,
    /** Steps: exported, imported, traded, supplied, absorbed (energy); then the money totals in the order of the getters. */
    private readonly steps: readonly bigint[],
  ) {}

  private get(i: number, step: Step): Decimal {
    return (this.cache[i] ??= fromSteps(this.steps[i] as bigint, step));
  }

  get exported(): Decimal {
    return this.get(0, this.energyStep);
  }
  get imported(): Decimal {
    return this.get(1, this.energyStep);
  }
  get traded(): Decimal {
    return this.get(2, this.energyStep);
  }
  get utilitySupplied(): Decimal {
    return this.get(3, this.energyStep);
  }
  get utilityAbsorbed(): Decimal {
    return this.get(4, this.energyStep);
  }
  get buyerPayments(): Decimal {
    return this.get(5, this.moneyStep);
  }
  get sellerReceipts(): Decimal {
    return this.get(6, this.moneyStep);
  }
  get gridFees(): Decimal {
    return this.get(7, this.moneyStep);
  }
  get marketSpread(): Decimal {
    return this.get(8, this.moneyStep);
  }
  get residue(): Decimal {
    return this.get(9, this.moneyStep);
  }
  get retailCharges(): Decimal {
    return this.get(10, this.moneyStep);
  }
  get feedInPayments(): Decimal {
    return this.get(11, this.moneyStep);
  }
  get congestionRent(): Decimal {
    return this.get(12, this.moneyStep);
  }

  /** Plain data with exact decimal strings, for JSON and logs. */
  toJSON(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of TOTAL_KEYS) out[key] = this[key].toString();
    return out;
  }
}

const TOTAL_KEYS = [
  'exported', 'imported', 'traded', 'utilitySupplied', 'utilityAbsorbed', 'buyerPayments', 'sellerReceipts', 'gridFees',
  'marketSpread', 'residue', 'retailCharges', 'feedInPayments', 'congestionRent',
] as const;

/** The outcome of {@link settleInterval}. */
export interface SettlementResult {
  /** The interval settled. */
  readonly interval: string;
  /** `'settled'` when this call posted it; `'exists'` when the same settlement had been posted before. */
  readonly status: 'settled' | 'exists';
  /** The ledger batch id of the interval's settlement. */
  readonly batchId: string;
  /** The number of ledger transfers in the batch. */
  readonly transfers: number;
  /** One entry per metered participant, in the order of the readings. */
  readonly participants: readonly ParticipantSettlement[];
  /** Interval totals. */
  readonly totals: SettlementTotals;
}

/**
 * A {@link SettlementResult} as settleInterval returns it: frozen, with `participants` an own
 * enumerable property (as an object literal's getter would be, in the same key order) whose
 * entries are built on first read. An object literal with a getter cost about 5 us to make and
 * freeze, a tenth of a simulated interval's settlement; this costs a small fraction of that: its
 * getter is one shared function, and the builder and what it built live in private fields, which
 * freezing leaves writable.
 * @internal
 */
export class SettledInterval implements SettlementResult {
  // Declared, not defined as class fields: the constructor makes them in the literal's key order.
  declare readonly interval: string;
  declare readonly status: 'settled' | 'exists';
  declare readonly batchId: string;
  declare readonly transfers: number;
  declare readonly participants: readonly ParticipantSettlement[];
  declare readonly totals: SettlementTotals;
  #build: (() => ParticipantSettlement[]) | undefined;
  #built: readonly ParticipantSettlement[] | undefined = undefined;

  static readonly #participants: PropertyDescriptor = {
    get(this: SettledInterval): readonly ParticipantSettlement[] {
      if (this.#built === undefined) {
        this.#built = Object.freeze((this.#build as () => ParticipantSettlement[])());
        this.#build = undefined;
      }
      return this.#built;
    },
    enumerable: true,
  };

  constructor(interval: string, status: 'settled' | 'exists', batchId: string, transfers: number, participants: () => ParticipantSettlement[], totals: SettlementTotals) {
    const self = this as { -readonly [K in keyof SettlementResult]: SettlementResult[K] };
    self.interval = interval;
    self.status = status;
    self.batchId = batchId;
    self.transfers = transfers;
    Object.defineProperty(this, 'participants', SettledInterval.#participants);
    self.totals = totals;
    this.#build = participants;
    Object.freeze(this);
  }
}
