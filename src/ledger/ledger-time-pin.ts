import { readTime } from './batch-engine.js';
import { ledgerState, type Ledger } from './ledger.js';

// A market command reads every input and clock before its first check, so that no user code
// runs between its checks and its change (docs/market.md, "User code inside a command"). The
// ledger's clock is user code the ledger reads at each call that makes entries; these two
// functions let the market read it once, at the command's start, and have the ledger stamp the
// command's entries with that reading without reading the clock again.

/**
 * Reads the ledger's clock now, as a call that makes entries would (ignoring any pin).
 * @returns the time, ms; NaN for a ledger without a clock.
 * @throws WattError INVALID_TIME when the clock returns no safe integer.
 * @internal
 */
export function readLedgerClock(ledger: Ledger, fn: string): number {
  const s = ledgerState(ledger);
  const pin = s.clockPin;
  if (pin === undefined) return readTime(s, fn);
  // Inside another market command that pinned its time (a nested command run by a custom
  // mechanism): this command reads a time of its own. No check or change of the outer command
  // lies between its pin and this read (nested commands run only from user code).
  s.clockPin = undefined;
  try {
    return readTime(s, fn);
  } finally {
    s.clockPin = pin;
  }
}

/**
 * Pins the ledger's time: until the next pin, every entry is stamped `time` and the clock is not
 * read (undefined: read the clock again). `time` is a reading of {@link readLedgerClock} (NaN,
 * for a ledger without a clock, changes nothing: such a ledger stamps no time).
 * @returns the pin it replaces, to restore when the command ends.
 * @internal
 */
export function pinLedgerTime(ledger: Ledger, time: number | undefined): number | undefined {
  const s = ledgerState(ledger);
  const previous = s.clockPin;
  s.clockPin = time !== undefined && Number.isNaN(time) ? undefined : time;
  return previous;
}

/**
 * The time pinned on the ledger now (by the market command in progress): undefined when none is
 * (no command pinned one, or the ledger has no clock).
 * @internal
 */
export function pinnedLedgerTime(ledger: Ledger): number | undefined {
  return ledgerState(ledger).clockPin;
}
