import { inertInput } from '../units/inert-input.js';
import { ownField } from '../validation/own-field.js';
import type { MarketCore } from './market-core.js';

// The read step of Market.settle and Market.settleSteps (docs/market.md, "User code inside a
// command"): the readings are copied here before the clocks and any check; the checks, the
// journal and the settlement (market-settlement.ts) use only the copy.

/** The fields of a reading of settleSteps. */
export const STEPS_FIELDS = ['participant', 'netSteps', 'exportedSteps', 'importedSteps'] as const;

/**
 * A settle's readings as read once, in the read step of the command (docs/market.md, "User code
 * inside a command"): every field of every reading is read exactly once, in a fixed order (the
 * participant, then the values), before the clocks and before any check, so that a getter (user
 * code) can neither change a value between its check, its journal entry and its settlement nor
 * run between the checks and the change. Columns, one set per call in progress (see
 * {@link takeReadings}): settleSteps copies a thousand readings an interval in a simulation.
 */
export interface ReadingsCopy {
  /** Whether the readings were an array. */
  array: boolean;
  /** The readings as given when they were no array (for the refusal's message). */
  given: unknown;
  /** How many readings. */
  n: number;
  /** Reading i when it is no object (refused by the checks), else {@link READ}. Settle (not steps): a plain copy of the reading. */
  readonly items: unknown[];
  readonly participants: unknown[];
  /** net (settle) or netSteps (settleSteps). */
  readonly net: unknown[];
  /** exported or exportedSteps. */
  readonly exported: unknown[];
  /** imported or importedSteps. */
  readonly imported: unknown[];
  /** The first unknown own field of reading i (undefined: none). */
  readonly unknown: (string | undefined)[];
}

/** Marks an object reading of settleSteps in {@link ReadingsCopy.items} (its fields are in the columns). */
const READ: Readonly<Record<string, unknown>> = Object.freeze({});

// One set of columns per settle in progress on a market, taken at its start and given back at
// its end: a getter of a reading may settle (this market or another) in the middle of the copy.
const copiesByCore = new WeakMap<MarketCore, ReadingsCopy[]>();

/** Takes a set of reading columns of `core` (give it back with {@link giveReadings}). */
export function takeReadings(core: MarketCore): ReadingsCopy {
  let pool = copiesByCore.get(core);
  if (pool === undefined) {
    pool = [];
    copiesByCore.set(core, pool);
  }
  return pool.pop() ?? { array: false, given: undefined, n: 0, items: [], participants: [], net: [], exported: [], imported: [], unknown: [] };
}

/**
 * Gives back a set taken with {@link takeReadings}. Its columns keep their length (reused at the
 * next settle without growing again) and so hold the last readings' values until then.
 */
export function giveReadings(core: MarketCore, copy: ReadingsCopy): void {
  copy.given = undefined;
  copiesByCore.get(core)?.push(copy);
}

const METER_KEYS = ['participant', 'exported', 'imported', 'net'] as const;

/**
 * The read step of settle and settleSteps: copies `readings` into `copy`, reading each field once
 * (the array's length and items, then per reading: participant, net, exported, imported) and a
 * Decimal value's text once (so that no Decimal, a Proxy perhaps, runs user code later). Checks
 * nothing: the checks run on the copy, after the clocks, with the same first error as ever.
 */
export function readReadings(readings: unknown, steps: boolean, copy: ReadingsCopy): void {
  if (!Array.isArray(readings)) {
    copy.array = false;
    copy.given = inertInput(readings);
    copy.n = 0;
    return;
  }
  copy.array = true;
  const list = readings as readonly unknown[];
  const n = list.length;
  copy.n = n;
  // Two loops rather than one that asks `steps` per reading: settleSteps' runs every interval.
  if (steps) readStepsReadings(list, n, copy);
  else readMeterReadings(list, n, copy);
}

function readStepsReadings(list: readonly unknown[], n: number, copy: ReadingsCopy): void {
  const { items, participants, net, exported, imported, unknown } = copy;
  for (let i = 0; i < n; i++) {
    const item = list[i];
    if (endsCopy(item, i, copy)) return;
    const r = item as Record<string, unknown>;
    items[i] = READ;
    unknown[i] = unknownField(r, STEPS_FIELDS);
    // Each value as the checks may use it without running user code (an object's description is
    // read now): inertInput returns numbers and strings as they are.
    participants[i] = inertInput(r['participant']);
    net[i] = inertInput(r['netSteps']);
    exported[i] = inertInput(r['exportedSteps']);
    imported[i] = inertInput(r['importedSteps']);
  }
}

function readMeterReadings(list: readonly unknown[], n: number, copy: ReadingsCopy): void {
  const items = copy.items;
  for (let i = 0; i < n; i++) {
    const item = list[i];
    if (endsCopy(item, i, copy)) return;
    const r = item as Record<string, unknown>;
    const extra = unknownField(r, METER_KEYS);
    // A plain copy, which the settlement input parses as it would the reading.
    const c: Record<string, unknown> = {};
    const participant = inertInput(r['participant']);
    const netValue = inertInput(r['net']);
    const exportedValue = inertInput(r['exported']);
    const importedValue = inertInput(r['imported']);
    if (participant !== undefined) c['participant'] = participant;
    if (exportedValue !== undefined) c['exported'] = exportedValue;
    if (importedValue !== undefined) c['imported'] = importedValue;
    if (netValue !== undefined) c['net'] = netValue;
    if (extra !== undefined) ownField(c, extra, undefined); // its name is what the refusal reports (an own field even when it is '__proto__')
    items[i] = c;
  }
}

/**
 * Ends the copy at reading `i` when it is no object: the checks refuse the first such reading and
 * look at none after it (a hole of a sparse array is one), so a huge sparse array costs nothing.
 */
function endsCopy(item: unknown, i: number, copy: ReadingsCopy): boolean {
  if (typeof item === 'object' && item !== null && !Array.isArray(item)) return false;
  copy.items[i] = inertInput(item);
  copy.n = i + 1;
  return true;
}

/** The first unknown own field of a reading, as checkFields reports it; field names only (no getter runs). */
function unknownField(r: Record<string, unknown>, known: readonly [string, string, string, string]): string | undefined {
  for (const key in r) if (key !== known[0] && key !== known[1] && key !== known[2] && key !== known[3]) return firstUnknown(r, known);
  return undefined;
}

function firstUnknown(r: Record<string, unknown>, known: readonly string[]): string | undefined {
  for (const key of Object.keys(r)) if (!known.includes(key)) return key;
  return undefined; // inherited only: ignored, as the checks always have
}

