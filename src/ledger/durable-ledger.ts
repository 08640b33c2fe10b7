import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { canonicalOptions } from '../store/canonical-options.js';
import { openDurable, type JournalledMachine } from '../store/durability.js';
import { ReplayClock } from '../store/replay-clock.js';
import type { CommandStore } from '../store/store-types.js';
import { applyLedgerCommand, LEDGER_COMMAND_METHODS, type LedgerCommand } from './ledger-command.js';
import type { LedgerSnapshot } from './ledger-snapshot.js';
import type { LedgerOptions } from './ledger-types.js';
import { buildCheckpoint, isLedgerCheckpoint, restoreCheckpoint } from './ledger-checkpoint.js';
import { attachLedgerDurability, Ledger, ledgerState } from './ledger.js';

const FN = 'Ledger.open';

/** Checks a store option: an object with the store methods. */
export function checkStore(store: unknown, fn: string): CommandStore {
  const s = store as Partial<CommandStore> | null | undefined;
  if (typeof s !== 'object' || s === null || typeof s.bind !== 'function' || typeof s.append !== 'function' || typeof s.readRecords !== 'function') {
    fail(ErrorCode.INVALID_OPTION, fn, `store must be a store (openFileStore, openPostgresStore, MemoryStore); got ${describeValue(store)}`);
  }
  return s as CommandStore;
}

/** {@link Ledger.open}: recovers the ledger a store holds, or starts a new one. */
export async function openDurableLedger(options: LedgerOptions & { store: CommandStore }): Promise<Ledger> {
  if (typeof options !== 'object' || (options as unknown) === null) fail(ErrorCode.INVALID_ARGUMENT, FN, `options must be an object; got ${describeValue(options)}`);
  const { store, ...ledgerOptions } = options;
  const s = checkStore(store, FN);
  // Checks the options now, before the store is touched; the capacity is a speed hint and not
  // part of what the store holds.
  new Ledger({ ...ledgerOptions, capacity: 1 });
  const userClock = ledgerOptions.clock;
  const clock = userClock === undefined ? undefined : new ReplayClock(userClock);
  const build = (): Ledger => new Ledger(clock === undefined ? ledgerOptions : { ...ledgerOptions, clock });
  const machine: JournalledMachine<Ledger> = {
    kind: 'ledger',
    owner: 'Ledger',
    options: canonicalOptions(ledgerOptions, ['clock', 'capacity'], FN),
    commands: LEDGER_COMMAND_METHODS,
    create: build,
    restore(snapshot, sequence) {
      // A checkpoint the store read back intact (its checksum holds) in the compact form takes the
      // fast path, which still ends with a state-hash check; older checkpoints hold a snapshot.
      const ledger = isLedgerCheckpoint(snapshot)
        ? restoreCheckpoint(snapshot, clock, (h, o) => Ledger.restore(h, o), ledgerState)
        : Ledger.restore(snapshot as LedgerSnapshot, clock === undefined ? undefined : { clock });
      attachLedgerDurability(ledger, undefined, sequence);
      return ledger;
    },
    apply(ledger, command) {
      if (clock !== undefined) clock.at = typeof command['time'] === 'number' ? command['time'] : undefined;
      applyLedgerCommand(ledger, command as unknown as LedgerCommand);
    },
    sequence: (ledger) => ledger.sequence,
    snapshot: (ledger) => buildCheckpoint(ledgerState(ledger)),
    attach(ledger, durability) {
      if (clock !== undefined) clock.at = undefined;
      attachLedgerDurability(ledger, durability, ledger.sequence);
    },
  };
  return openDurable(machine, s);
}
