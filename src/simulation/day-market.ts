import type { AuctionMechanism } from '../auction/mechanism.js';
import { supports } from '../auction/mechanisms/built-in-mechanisms.js';
import { Ledger } from '../ledger/ledger.js';
import { ledgerRoom, recycleLedgerRows } from '../ledger/step-legs.js';
import { Market } from '../market/market.js';
import type { MechanismName } from '../market/market-types.js';
import { stepsInput } from '../market/market-trade.js';
import { MS_PER_DAY } from '../time/calendar.js';
import type { ManualClock } from '../time/clock.js';
import type { DecimalInput } from '../units/decimal-input.js';
import { createStep } from '../units/step.js';
import type { ResolvedScenario } from './resolve-scenario.js';

// The markets a simulation runs on, one a day: how a scenario's zones, fees and links become
// market options, and each day's ledger on the rows of the day before.

/** Quantity step of the simulation's markets: Wh. */
const QUANTITY_STEP = '0.001';
/** {@link QUANTITY_STEP} as a step: what the run meters in. */
export const QUANTITY_STEP_WH = createStep(QUANTITY_STEP, 'runSimulation', 'Wh');
/** Minutes between an interval's gate closure and its start. */
export const GATE_MINUTES = 5;
/** The most room a day's ledger is given at once (it grows beyond if it must). */
const LEDGER_CAPACITY_MAX = 1 << 24;
/**
 * The journal rows a run's first ledger makes room for, per participant and interval: a
 * settlement posts about three legs per reading (its export, import and imbalance, a trade's few
 * legs shared among many readings). Without this room the first day's ledger doubled its columns
 * a dozen times over the day (a copy of every column each time, and fresh pages): 4% of a 20-day
 * district run, a sixth of its settlement. Room that is never used costs address space only.
 */
const FIRST_DAY_ROWS_PER_READING = 4;

/**
 * Whether a run of `s` with `mechanism` can trade across its feeders within their link
 * capacities: always when the scenario has none, else when the mechanism declares
 * `supports.capacities` (the built-in `uniform` and `discriminatory`; not the truthful ones).
 */
export function honoursLinks(s: ResolvedScenario, mechanism: MechanismName | AuctionMechanism): boolean {
  if (s.network === undefined || s.network.links.length === 0) return true;
  return supports(mechanism, 'capacities');
}

/**
 * The link capacities of a coupled market over `zones` as `tariff.zoneCapacity` (kWh per
 * interval, exact text on the market's Wh step): the scenario's links between two of `zones`;
 * undefined when there are none (the market then runs exactly as without capacities).
 */
export function zoneCapacity(s: ResolvedScenario, zones: readonly string[]): Record<string, Record<string, number | string>> | undefined {
  const links = (s.network?.links ?? []).filter((l) => zones.includes(l.from) && zones.includes(l.to));
  if (links.length === 0) return undefined;
  const capacity: Record<string, Record<string, number | string>> = {};
  for (const l of links) (capacity[l.from] ??= {})[l.to] = stepsInput(l.capacityWh, QUANTITY_STEP_WH);
  return capacity;
}

/**
 * Whether the run clears its zones jointly with fees between them: when the mechanism supports
 * fees that differ by zone pair (the registry's `supports.zonalFees`; the truthful built-ins,
 * McAfee, trade reduction and Huang, do not), or when every pair has the same fee. Otherwise each
 * zone clears its own auction and the local fee is charged at settlement.
 */
export function couplesZones(s: ResolvedScenario, mechanism: MechanismName | AuctionMechanism): boolean {
  if (s.crossZoneFeeTicks === undefined || s.zones.length < 2) return false;
  // Link capacities a mechanism cannot honour: each feeder clears apart, as for zonal fees.
  if (!honoursLinks(s, mechanism)) return false;
  return supports(mechanism, 'zonalFees') || s.crossZoneFeeTicks === s.localFeeTicks;
}

/**
 * The groups of zones that can run apart (each its own markets, sharing nothing): every zone
 * alone, or all together when the run couples them.
 */
export function independentZoneGroups(s: ResolvedScenario, mechanism: MechanismName | AuctionMechanism): string[][] {
  // Netting across the whole community needs every zone's imbalances in one run.
  return couplesZones(s, mechanism) || s.netting === 'community' ? [s.zones.slice()] : s.zones.map((z) => [z]);
}


/**
 * A market for one simulated day over `zones`, on a ledger of its own with room for
 * `ledgerCapacity` transfers (a hint: the ledger grows beyond it as needed). `band` replaces the
 * scenario's flat tariff (a market for the intervals of a measured tariff that share its prices).
 * `days` holds the ledger of the run's previous market, whose rows the new one takes over, and
 * is then given the new one's.
 */
export function makeMarket(
  s: ResolvedScenario,
  zones: readonly string[],
  mechanism: MechanismName | AuctionMechanism,
  k: DecimalInput | undefined,
  clock: ManualClock,
  ledgerCapacity?: number,
  band?: { readonly retailTicks: number; readonly feedInTicks: number },
  days?: { ledger: Ledger | undefined },
): Market {
  const fee = (ticks: number): number | string => stepsInput(ticks, s.priceTick);
  const coupled = couplesZones(s, mechanism) && zones.length > 1;
  const cross = s.crossZoneFeeTicks ?? s.localFeeTicks;
  // Link capacities need the fee matrix (a market without it never trades across zones).
  const capacity = coupled ? zoneCapacity(s, zones) : undefined;
  const zoneFees = coupled ? Object.fromEntries(zones.map((a) => [a, Object.fromEntries(zones.map((b) => [b, fee(a === b ? s.localFeeTicks : cross)]))])) : undefined;
  return new Market({
    clock,
    zones,
    tariff: {
      retailPrice: fee(band?.retailTicks ?? s.retailTicks),
      feedInPrice: fee(band?.feedInTicks ?? s.feedInTicks),
      ...(zoneFees === undefined && s.localFeeTicks > 0 ? { gridFee: { kind: 'per-kwh' as const, price: fee(s.localFeeTicks) } } : {}),
      ...(zoneFees === undefined ? {} : { zoneFees }),
      ...(capacity === undefined ? {} : { zoneCapacity: capacity }),
    },
    priceTick: s.priceTick.text,
    quantityStep: QUANTITY_STEP,
    currency: { code: s.currency.code, step: s.currency.step.text },
    // With `days`, the first day's ledger too, so that the second day takes over its rows.
    ...(ledgerCapacity === undefined && days === undefined ? {} : { ledger: dayLedger(s, zones, ledgerCapacity, days) }),
    mechanism,
    ...(k === undefined ? {} : { k }),
    gateClosureMinutes: GATE_MINUTES,
    collateral: false,
    participantCredit: true,
    journal: false,
  });
}

/**
 * A market's ledger with room for `capacity` transfers, on the rows of the previous market's
 * (see makeMarket): memory the process has touched already, instead of some 20 MB of fresh
 * pages a day to fault in. The ledger is made without room of its own and given the room by
 * recycleLedgerRows: made with it, its fresh columns were allocated only to be dropped for the
 * old ones (3% of a district run). The run's first ledger, before any day has said how many rows
 * a day makes, gets room for {@link FIRST_DAY_ROWS_PER_READING} rows per reading of the day.
 */
function dayLedger(s: ResolvedScenario, zones: readonly string[], capacity: number | undefined, days: { ledger: Ledger | undefined } | undefined): Ledger {
  const assets = { [s.currency.code]: s.currency.step.text, kWh: QUANTITY_STEP };
  const old = days?.ledger;
  if (days === undefined) return new Ledger(capacity === undefined ? { assets } : { assets, capacity });
  let ledger: Ledger;
  if (old === undefined) {
    const readings = s.participants.filter((p) => zones.includes(p.zone)).length * Math.ceil(MS_PER_DAY / s.intervalMs);
    ledger = new Ledger({ assets, capacity: capacity ?? Math.max(1, Math.min(LEDGER_CAPACITY_MAX, readings * FIRST_DAY_ROWS_PER_READING)) });
  } else {
    ledger = new Ledger({ assets });
    recycleLedgerRows(ledger, old, capacity);
  }
  days.ledger = ledger;
  return ledger;
}

/**
 * The room for the next day's ledger after the market whose ledger `days` holds (see makeMarket),
 * from the room so far (`capacity`, undefined before the first day). Days are alike in size: the
 * next ledger starts with room for this one's rows and a margin, instead of doubling its tables a
 * dozen times over the day. When a day outgrows the room, it is raised at once: to this ledger's
 * own room when that has the margin (the next ledger then takes over its rows, see dayLedger),
 * else by half again (the next ledger takes over the rows only if they are as many as its room,
 * so a room raised a little at each new busiest day meant fresh columns, thousands of page faults
 * in settlement, on each of those days).
 */
export function nextLedgerCapacity(days: { readonly ledger: Ledger | undefined }, capacity: number | undefined): number | undefined {
  const ledger = days.ledger;
  if (ledger === undefined) return capacity;
  const rows = ledger.journalLength;
  const wanted = Math.ceil(rows * 1.25);
  if (capacity !== undefined && wanted <= capacity) return capacity;
  const room = ledgerRoom(ledger);
  return Math.min(LEDGER_CAPACITY_MAX, room >= wanted ? room : Math.ceil(rows * 1.5));
}
