import fc from 'fast-check';
import { describe, it } from 'vitest';
import { LONG } from '../helpers/expect-watt-error.js';
import { bindOptions, commandsArb, prelude } from './market-model-commands.js';
import { checkReplay, Real, setupArb, STATS, verify, type ExpectedCodes, type Model, type ModelOptions, type Setup } from './market-model.js';
import { ReferenceMarket } from './reference/reference-market.js';
import { WattError } from '../../src/index.js';

// The Market and a naive reference market (test/market/reference/) side by side through random
// registrations, deposits, withdrawals, orders of every kind, amends, cancels, time, settlements
// with random meter readings, prunes and replays, in all three modes, one or two zones, with and
// without utility orders, credit, collateral and grid fees. After every command: the same results
// and refusals (with their codes), the same trades, balances, reserved and available money, order
// views and product statuses, and the invariants (see verify() in market-model.ts).
//
// THE SWITCHES. `FULL` is everything issue 11 asks the market to do once its defects are fixed;
// `NARROWED` leaves out what the market on this branch still gets wrong or has not decided (the
// defect numbers are issue 11's). Once the fixes are merged, replace NARROWED by FULL in OPTIONS
// below (one change), align EXPECTED_CODES with the codes the fixes chose, and model in the
// reference what defects 7, 11 and 17 decide (see the comments at those switches).
const FULL: ModelOptions = {
  modes: ['continuous', 'auction', 'continuous-then-auction'],
  restAfterBetterFill: true, // defect 1
  twoZones: true,
  mixedModes: true,
  utilityOrders: true,
  utilityOrdersInContinuous: true, // defect 7
  participantCredit: true,
  creditBeyondFunds: true, // defect 17
  shortSettlement: true, // defect 17
  auctionSelfPairs: false, // defect 11: the reference has no rule for them until the fix documents one
  gridFee: true,
  collateralOff: true,
  mechanisms: ['uniform', 'discriminatory'],
  settleAfterPrune: true, // defect 10
  commands: { clock: true, register: true, deposit: true, withdraw: true, submit: true, amend: true, cancel: true, advance: true, settle: true, prune: true, replay: true, snapshot: true },
  statusAfterPrune: true, // defect 10 (prune forgets that the interval was settled)
  replayOfEmptyJournal: true, // defect 2
  clockMoves: true, // defects 2, 4, 5
  amendBookInCall: true, // defect 5
  amendToBackBeforeCall: true, // defect 4 (arrival order at the call start after an amend to the back)
  advanceBeforeClock: true, // defect 2 (undecided: see EXPECTED_CODES)
  replayEvery: Number(process.env['WATTMARKET_MARKET_MODEL_REPLAY_EVERY'] ?? 25),
};

const NARROWED: ModelOptions = {
  ...FULL,
  restAfterBetterFill: false, // defect 1: fails here (too much stays reserved)
  utilityOrdersInContinuous: false, // defect 7: undecided (today the utility is simply absent from books, as the reference has it)
  creditBeyondFunds: false, // defect 17: undecided (today credit lifts every funds check at submit, as the reference has it)
  shortSettlement: false, // defect 17: undecided (today INSUFFICIENT_FUNDS)
  settleAfterPrune: false, // defect 10: fails here (settles again: 'exists', journalled)
  statusAfterPrune: false, // defect 10: fails here (a pruned settled interval reads 'delivered')
  replayOfEmptyJournal: false, // defect 2: fails here (a replay of no commands starts at time 0)
  clockMoves: false, // defects 2, 4, 5: fail here (replay after the clock moved first; priority at the call start; amend in the call phase)
  amendBookInCall: false, // defect 5: fails here (the amended book order trades in the book)
  amendToBackBeforeCall: false, // defect 4: fails here (the amended order keeps its first place in the call auction)
  advanceBeforeClock: false, // defect 2: undecided (today accepted)
  commands: { ...FULL.commands, snapshot: false }, // Market.snapshot/restore are not on this branch
};

// From the command line: WATTMARKET_MARKET_MODEL_FULL=1 runs FULL, WATTMARKET_MARKET_MODEL_RUNS
// sets the number of runs, WATTMARKET_MARKET_MODEL_STATS=1 prints how the commands fared, and WATTMARKET_MARKET_MODEL_SET
// (JSON of ModelOptions fields) overrides switches, e.g. '{"mixedModes":false}', to corner a failure.
const OPTIONS: ModelOptions = {
  ...(process.env['WATTMARKET_MARKET_MODEL_FULL'] === '1' ? FULL : NARROWED),
  ...(JSON.parse(process.env['WATTMARKET_MARKET_MODEL_SET'] ?? '{}') as Partial<ModelOptions>),
};

// Refusals whose codes the docs do not fix yet: the reference reports them as `decision:<name>`;
// '*' accepts any WattError (the call must still change nothing). Align after the fixes merge.
const EXPECTED_CODES: ExpectedCodes = {
  'decision:settle-after-prune': '*', // defect 10: refuse (which code?) or a true no-op
  // Defect 17: a participant short of money at settlement. On this branch INSUFFICIENT_FUNDS; once
  // the fix decides what happens instead, model it in ReferenceMarket.settle.
  'decision:settle-short': 'INSUFFICIENT_FUNDS',
  'decision:advance-before-clock': '*', // defect 2: advanceTo before the clock's time (but not before the last advance)
};

const RUNS = LONG ? 5_000 : Number(process.env['WATTMARKET_MARKET_MODEL_RUNS'] ?? 200);
const TIMEOUT = LONG ? 4 * 60 * 60_000 : 180_000;

/**
 * The real market, or undefined when the market refuses utility orders beside a continuous zone
 * (one of the two ways issue 11, defect 7, may be decided; the other, utility orders that work in
 * continuous books, needs the reference extended to them).
 */
function newReal(setup: Setup): Real | undefined {
  try {
    return new Real(setup, OPTIONS, EXPECTED_CODES);
  } catch (e) {
    const continuous = setup.ref.utilityOrders && setup.ref.modes.includes('continuous');
    if (continuous && e instanceof WattError && e.code === 'INVALID_OPTION') return undefined;
    throw e;
  }
}

describe('Market (model-based, against a naive reference market)', () => {
  it('behaves like the reference market after every command', () => {
    fc.assert(
      fc.property(setupArb(OPTIONS), commandsArb(OPTIONS, 200), (setup, commands) => {
        const model: Model = { ref: new ReferenceMarket(setup.ref), mid: setup.mid };
        bindOptions(model, OPTIONS);
        const real = newReal(setup);
        if (real === undefined) return;
        verify(model, real);
        prelude(model, real);
        fc.modelRun(() => ({ model, real }), commands);
        checkReplay(real);
        STATS.set(`trades (${setup.ref.modes.join(',')})`, (STATS.get(`trades (${setup.ref.modes.join(',')})`) ?? 0) + model.ref.tradeCount);
        STATS.set('trades (all)', (STATS.get('trades (all)') ?? 0) + model.ref.tradeCount);
        STATS.set('runs', (STATS.get('runs') ?? 0) + 1);
      }),
      { numRuns: RUNS },
    );
    if (process.env['WATTMARKET_MARKET_MODEL_STATS'] === '1') console.log([...STATS].sort().map(([k, n]) => `${k}: ${n}`).join('\n'));
  }, TIMEOUT);
});
