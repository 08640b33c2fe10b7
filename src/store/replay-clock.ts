import type { Clock } from '../time/clock.js';

/**
 * The clock of a durable market or ledger: during recovery it gives each replayed command the
 * time that command was journalled with (recovery reads no clock); after, it is the clock the
 * application passed.
 */
export class ReplayClock implements Clock {
  /** The time of the command being replayed; undefined once recovery is over. */
  at: number | undefined;

  /** @param inner - the application's clock, for the commands after recovery. */
  constructor(private readonly inner: Clock) {}

  /** The replayed command's time, or the application's clock. */
  now(): number {
    return this.at ?? this.inner.now();
  }
}
