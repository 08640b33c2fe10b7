// What every command module (market-advance.ts, market-amend.ts, market-cancel.ts, ...) needs of
// the Market it serves, lent by Market as one object: written once here, extended by the modules
// that need more.

import type { MarketConfig } from './market-config.js';
import type { MarketCore } from './market-core.js';
import type { CommandBody } from './market-journal.js';

/** A market's private parts a command needs: its state, its options and its recorder. */
export interface CommandContext {
  readonly core: MarketCore;
  readonly config: MarketConfig;
  /** Numbers and journals an accepted command. */
  record(command: CommandBody): void;
}
