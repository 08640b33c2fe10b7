import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { describeValue } from '../errors/describe-value.js';
import type { BiddingStrategy, WriteOrders } from './bidding-strategy.js';
import { evDeadlineStrategy, writeEvDeadlineOrders } from './ev-deadline-strategy.js';
import { storageArbitrageStrategy, writeStorageArbitrageOrders } from './storage-arbitrage-strategy.js';
import { truthfulStrategy, writeTruthfulOrders } from './truthful-strategy.js';
import { writeZeroIntelligenceOrders, zeroIntelligenceStrategy } from './zero-intelligence-strategy.js';

/** The built-in strategies by name. */
export const BUILT_IN_STRATEGIES: Readonly<Record<string, BiddingStrategy>> = Object.freeze({
  truthful: truthfulStrategy,
  'zi-c': zeroIntelligenceStrategy,
  'battery-arbitrage': storageArbitrageStrategy,
  'ev-deadline': evDeadlineStrategy,
});

/**
 * Each built-in strategy's orders written into a sink (internal: the run loop's way of taking
 * them). The built-ins read their context and state during the call and keep neither.
 */
export const BUILT_IN_WRITERS: ReadonlyMap<BiddingStrategy, WriteOrders> = new Map<BiddingStrategy, WriteOrders>([
  [truthfulStrategy, writeTruthfulOrders],
  [zeroIntelligenceStrategy, writeZeroIntelligenceOrders],
  [storageArbitrageStrategy, writeStorageArbitrageOrders],
  [evDeadlineStrategy, writeEvDeadlineOrders],
]);

/**
 * Resolves a strategy: a built-in name, or a user's {@link BiddingStrategy} object (checked for a
 * name and an `orders` function).
 * @throws WattError UNKNOWN_AGENT for an unknown name or an object that is not a strategy.
 */
export function resolveStrategy(kind: string | BiddingStrategy, fn: string): BiddingStrategy {
  if (typeof kind === 'string') {
    const found = Object.hasOwn(BUILT_IN_STRATEGIES, kind) ? BUILT_IN_STRATEGIES[kind] : undefined;
    if (found !== undefined) return found;
    return fail(ErrorCode.UNKNOWN_AGENT, fn, `unknown agent kind ${describeValue(kind)} (built in: ${Object.keys(BUILT_IN_STRATEGIES).join(', ')})`);
  }
  const candidate = kind as Partial<BiddingStrategy> | null;
  if (typeof candidate === 'object' && candidate !== null && typeof candidate.name === 'string' && typeof candidate.orders === 'function') {
    return kind;
  }
  return fail(ErrorCode.UNKNOWN_AGENT, fn, `an agent must be a built-in name or an object with a name and an orders() function; got ${describeValue(kind)}`);
}
