import { ErrorCode } from '../../errors/error-codes.js';
import { describeValue } from '../../errors/describe-value.js';
import { fail, WattError } from '../../errors/watt-error.js';
import type { Step } from '../../units/step.js';
import { toSteps, valueSpec } from '../../units/to-steps.js';

/** Link capacities after validation. */
export interface ResolvedCapacity {
  /**
   * `capacity[sellerZone * Z + buyerZone]` in lots per auction; `Infinity` where the link is
   * unlimited (no entry).
   */
  readonly lots: Float64Array;
  /** The first link given (`'from.to'`), for messages. */
  readonly firstLink: string;
}

const CAPACITY = valueSpec('clearAuction', 'capacity', ErrorCode.INVALID_CAPACITY, 'non-negative', 'quantity step');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates `zones.capacity`: an object of objects, `capacity[from][to]` the kWh that sellers in
 * `from` may sell to buyers in `to` per auction, non-negative and on the quantity step. A missing
 * entry is unlimited; 0 closes the link. Returns undefined when no link is given (every link
 * unlimited), so clearing takes exactly the path it takes without the option.
 * @throws WattError naming the link: INVALID_OPTION (not an object), UNKNOWN_ZONE (a zone that
 *   has no row in zones.fees), INVALID_CAPACITY (negative, off the step, not finite, too large).
 */
export function resolveCapacity(value: unknown, index: ReadonlyMap<string, number>, step: Step, fn: string): ResolvedCapacity | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return fail(ErrorCode.INVALID_OPTION, fn, `zones.capacity must be an object of objects; got ${describeValue(value)}`);
  const Z = index.size;
  let lots: Float64Array | undefined;
  let firstLink = '';
  // Links in code-unit order of their names, so the first error reported does not depend on
  // the order in which the caller wrote the keys.
  for (const from of Object.keys(value).sort(byCodeUnits)) {
    const row = value[from];
    const y = index.get(from);
    if (y === undefined) fail(ErrorCode.UNKNOWN_ZONE, fn, `zones.capacity.${from}: zone '${from}' has no row in zones.fees`);
    if (!isRecord(row)) fail(ErrorCode.INVALID_OPTION, fn, `zones.capacity.${from} must be an object; got ${describeValue(row)}`);
    for (const to of Object.keys(row).sort(byCodeUnits)) {
      const link = `zones.capacity.${from}.${to}`;
      const z = index.get(to);
      if (z === undefined) fail(ErrorCode.UNKNOWN_ZONE, fn, `${link}: zone '${to}' has no row in zones.fees`);
      const raw = row[to];
      let q: number;
      try {
        q = toSteps(raw, step, CAPACITY);
      } catch (e) {
        throw e instanceof WattError ? new WattError(e.code, e.message.replace(`${fn}: `, `${fn}: ${link}: `), e.reason) : e;
      }
      lots ??= new Float64Array(Z * Z).fill(Infinity);
      if (firstLink === '') firstLink = `${from}.${to}`;
      lots[y * Z + z] = q;
    }
  }
  return lots === undefined ? undefined : { lots, firstLink };
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
