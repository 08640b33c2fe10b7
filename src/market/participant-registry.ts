import { inertInput } from '../units/inert-input.js';
import { ownField } from '../validation/own-field.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { accountIndex } from '../ledger/step-legs.js';
import { checkId, checkKnownKeys, checkObject } from '../validation/checks.js';
import type { MarketConfig } from './market-config.js';

/** A registered participant and its ledger accounts. */
export interface ParticipantRecord {
  readonly id: string;
  readonly zone: string;
  readonly zoneIndex: number;
  /** Its money account. */
  readonly money: string;
  /** Its energy account. */
  readonly energy: string;
  /** Whether it is the utility's market-making participant (no collateral, synthesized meter). */
  readonly utility: boolean;
  /** Its money and energy accounts' ledger indexes (-1 until registered). */
  readonly moneyIndex: number;
  readonly energyIndex: number;
  /** Its registration number, from 0 (-1 until registered): its place in {@link ParticipantRegistry.list}. */
  readonly number: number;
}

/** How many participants after the last one found {@link ParticipantRegistry.lookup} tries before the Map. */
const LOOKAHEAD = 3;

/** The id of the participant that posts the utility's standing orders. */
export const UTILITY_PARTICIPANT = '@utility';

/** The participants of a market, in registration order. */
export class ParticipantRegistry {
  private readonly byId = new Map<string, ParticipantRecord>();
  /** The participants by registration number. */
  readonly list: ParticipantRecord[] = [];

  constructor(private readonly config: MarketConfig) {}

  /** The participant, or undefined. */
  get(id: string): ParticipantRecord | undefined {
    return this.byId.get(id);
  }

  /** The number of the participant {@link lookup} found last (a hint: any value is correct). */
  private lastFound = -1;

  /**
   * {@link get} for a stream of orders: callers that go through their participants in
   * registration order (a simulation bids prosumer by prosumer, each with none, one or a few
   * orders) mostly name the last participant found or one a few places after it, and comparing
   * a registered id with the caller's (the same string, as a rule) spares the Map look-up, whose
   * cache misses were a tenth of a submit in the district simulation.
   */
  lookup(id: string): ParticipantRecord | undefined {
    const list = this.list;
    const from = this.lastFound;
    const to = Math.min(list.length, from + LOOKAHEAD + 1);
    for (let n = Math.max(from, 0); n < to; n++) {
      const p = list[n] as ParticipantRecord;
      if (p.id === id) {
        this.lastFound = n;
        return p;
      }
    }
    const p = this.byId.get(id);
    if (p !== undefined) this.lastFound = p.number;
    return p;
  }

  /** All participants in registration order. */
  all(): IterableIterator<ParticipantRecord> {
    return this.byId.values();
  }

  /** How many are registered. */
  get size(): number {
    return this.byId.size;
  }

  /**
   * Validates a registration without changing anything.
   * @throws WattError INVALID_ARGUMENT, INVALID_OPTION, INVALID_ID, DUPLICATE_PARTICIPANT, UNKNOWN_ZONE.
   */
  parse(input: unknown, fn: string, allowUtility = false): ParticipantRecord {
    const o = checkObject(input, fn, 'participant');
    checkKnownKeys(o, ['id', 'zone'], fn, 'participant field');
    // Each field read once, before any check (a getter is user code: it could register the id
    // after the duplicate check). Market.registerParticipant hands in a plain copy already.
    const rawId = o['id'];
    const rawZone = o['zone'];
    const id = checkId(rawId, fn, 'participant id');
    if (id.startsWith('@') && !(allowUtility && id === UTILITY_PARTICIPANT)) {
      fail(ErrorCode.INVALID_ID, fn, `participant ids starting with '@' are reserved; got '${id}'`);
    }
    if (this.byId.has(id)) fail(ErrorCode.DUPLICATE_PARTICIPANT, fn, `participant '${id}' is already registered`);
    const zone = rawZone === undefined ? (this.config.zones[0] as string) : checkId(rawZone, fn, 'zone', ErrorCode.UNKNOWN_ZONE);
    const zoneIndex = this.config.zoneIndex.get(zone);
    if (zoneIndex === undefined) fail(ErrorCode.UNKNOWN_ZONE, fn, `zone '${zone}' is not one of ${this.config.zones.join(', ')}`);
    const money = `${id}:${this.config.currency.code}`;
    const energy = `${id}:kWh`;
    const ledger = this.config.ledger;
    if (ledger.hasAccount(money) || ledger.hasAccount(energy)) {
      fail(ErrorCode.DUPLICATE_ACCOUNT, fn, `the ledger already has an account of participant '${id}'`);
    }
    return Object.freeze({ id, zone, zoneIndex, money, energy, utility: id === UTILITY_PARTICIPANT, moneyIndex: -1, energyIndex: -1, number: -1 });
  }

  /** Adds a parsed participant whose accounts the ledger holds already (a restored market's). */
  adopt(p: ParticipantRecord): void {
    const moneyIndex = accountIndex(this.config.ledger, p.money);
    const energyIndex = accountIndex(this.config.ledger, p.energy);
    if (moneyIndex === undefined || energyIndex === undefined) fail(ErrorCode.INVALID_SNAPSHOT, 'Market.restore', `the ledger has no accounts of participant '${p.id}'`);
    const record = Object.freeze({ ...p, moneyIndex, energyIndex, number: this.list.length });
    this.list.push(record);
    this.byId.set(p.id, record);
  }

  /** Adds a parsed participant and opens its accounts. */
  add(p: ParticipantRecord): void {
    const ledger = this.config.ledger;
    // A money account may go negative: settlement posts what a participant owes even when it is
    // short (a debt, not a refusal: the interval must settle). The market keeps buy orders and
    // withdrawals within the money available itself (see MarketFunds and Market.withdraw).
    ledger.openAccount({ id: p.money, asset: this.config.currency.code, owner: p.id, allowNegative: true });
    ledger.openAccount({ id: p.energy, asset: 'kWh', owner: p.id, allowNegative: p.utility });
    const moneyIndex = accountIndex(ledger, p.money) as number;
    const energyIndex = accountIndex(ledger, p.energy) as number;
    const record = Object.freeze({ ...p, moneyIndex, energyIndex, number: this.list.length });
    this.list.push(record);
    this.byId.set(p.id, record);
  }
}

/**
 * The read step of a registration: a plain copy of `input` with each field read once (id, then
 * zone) and its other own field names kept (their values are not read: a refusal only names
 * them), so that no getter runs after the clock or between the checks and the change. Anything
 * but an object is returned as given, for {@link ParticipantRegistry.parse} to refuse.
 */
export function readParticipantInput(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const o = input as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  // The names, in their order, as own fields even where an assignment would not make one
  // ('__proto__', which JSON.parse makes an own field: refused as any unknown field).
  for (const key of Object.keys(o)) ownField(copy, key, undefined);
  // Values as the checks may describe them without running user code (an object's text is read now).
  const id = inertInput(o['id']);
  const zone = inertInput(o['zone']);
  if (id !== undefined) ownField(copy, 'id', id);
  if (zone !== undefined) ownField(copy, 'zone', zone);
  return copy;
}

