import { ErrorCode } from '../errors/error-codes.js';
import { fail, WattError } from '../errors/watt-error.js';
import { submitToBook } from './continuous-trading.js';
import { startProductCall } from './gate-processing.js';
import type { MarketFunds } from './market-funds.js';
import { journalOrder, type CommandBody } from './market-journal.js';
import type { MarketSubmitResult } from './market-types.js';
import { intakeSpecs, parseMarketOrder, parsedOrderScratch, parseStepsOrder, rawOrder, readOrder, type IntakeView, type ParsedOrder, type RawOrder } from './order-intake.js';
import { NO_TRADES, SubmitView } from './submit-view.js';
import { underName } from './under-name.js';
import type { CommandContext } from './command-context.js';

/** The names, codes and rules of Market.submit's fields. */
export const SUBMIT = intakeSpecs('Market.submit');
/** The name Market.submitSteps refuses under. */
export const SUBMIT_STEPS = 'Market.submitSteps';

/** What a submit needs of the market (its private parts, lent by {@link Market}). */
export interface SubmitContext extends CommandContext {
  readonly funds: MarketFunds;
  /** Numbers an accepted command, and journals it when it is given (see {@link keepsCommands}). */
  record(command: CommandBody | undefined): void;
  /** Whether accepted commands are kept (a journal or a store); else a submit's entry is not built. */
  keepsCommands(): boolean;
}

/**
 * Market.submit and Market.submitSteps, command frame and all but the final event flush. One per
 * market: it owns the submit's scratch (the raw orders by depth of nested submits, the parsed
 * order of a top-level submitSteps), so no two markets, and no submit nested in another through a
 * getter or a custom mechanism, share one (re-entrancy: nothing here is module-level).
 *
 * In three steps, so that no user code runs between the checks and the change (docs/market.md,
 * "User code inside a command"): read (the order's fields, each once, an object value into an
 * inert snapshot, then the ledger's clock and the market's: all the user code of the command,
 * whose nested calls into the market take effect first), check (against the state those calls
 * left), place.
 */
export class MarketSubmission {
  private readonly view: IntakeView;
  /** The order a top-level submitSteps parses into (see {@link submit}). */
  private readonly scratch = parsedOrderScratch();
  /** The raw orders of submits in progress, by depth (a getter may submit inside a submit). */
  private readonly raws: RawOrder[] = [];
  /** How many submits of this market are in progress (see {@link raws}). */
  private depth = 0;

  constructor(private readonly ctx: SubmitContext) {
    const { core, config } = ctx;
    this.view = {
      config,
      get now() {
        return core.now();
      },
      participant: (id) => core.registry.lookup(id),
      isLive: (id) => core.live.has(id),
      validStart: NaN,
    };
  }

  /**
   * Reads, checks and places one order (`steps`: given in ticks and steps, as submitSteps).
   * Refusals throw after queueing the 'orderRejected' event; the caller flushes the events of an
   * accepted order (a refusal's are flushed here, once the command has ended).
   */
  submit(order: unknown, fn: string, steps: boolean): MarketSubmitResult {
    const { core, funds } = this.ctx;
    const depth = this.depth;
    // The raw order of this depth: a getter's nested submit reads into the next one.
    const raw = this.raws[depth] ?? this.newRaw(depth);
    this.depth = depth + 1;
    let rejected = false as boolean; // set in a catch below (flow analysis does not follow it into the finally)
    try {
      try {
        readOrder(order, steps, raw);
      } catch (e) {
        // A getter's (or a trap's) WattError refuses the order like a check's: the event names
        // the fields read before it.
        rejected = this.announceRejection(raw, e);
        throw e;
      }
      const ledgerTime = core.ledgerTime(SUBMIT.fn, false);
      const outer = core.begin(fn);
      const outerPin = core.pinLedger(ledgerTime);
      try {
        let parsed: ParsedOrder;
        try {
          // A submit that no other command of this market encloses parses into the market's one
          // scratch order: nothing keeps a ParsedOrder past its submit, no user code runs from
          // the parse to the end of place (the ledger's time is pinned), and a nested submit
          // (from a custom mechanism) gets a fresh object.
          parsed = steps ? parseStepsOrder(order, raw, this.view, fn, outer === undefined ? this.scratch : undefined) : parseMarketOrder(order, raw, this.view, SUBMIT);
          if (parsed.id.charCodeAt(0) === 64) fail(ErrorCode.INVALID_ID, fn, `order ids starting with '@' are reserved; got '${parsed.id}'`);
          funds.check(parsed, 0, fn);
          // A second line behind checkHead's duplicate check: no user code runs between the two
          // (readOrder made every value inert), and the index memoises the id it was just asked.
          if (this.view.isLive(parsed.id)) fail(ErrorCode.DUPLICATE_ORDER_ID, fn, `order '${parsed.id}' is already open`);
        } catch (e) {
          rejected = this.announceRejection(raw, e);
          throw e;
        }
        // A sealed order after the call start: the product's call phase starts first.
        if (parsed.venue === 'sealed') startProductCall(core, parsed.participant.zoneIndex, parsed.start);
        return this.place(parsed, fn);
      } finally {
        core.unpinLedger(outerPin);
        core.end(outer);
      }
    } finally {
      this.depth = depth;
      // A refusal is told once the command has ended (its time and the ledger's no longer
      // pinned), as every other event is: its listeners' calls are commands of their own.
      if (rejected) core.flush();
    }
  }

  private newRaw(depth: number): RawOrder {
    const raw = rawOrder();
    this.raws[depth] = raw;
    return raw;
  }

  /** Places a new order that passed every check. */
  private place(parsed: ParsedOrder, fn: string): MarketSubmitResult {
    const { core, config, funds } = this.ctx;
    let result: MarketSubmitResult;
    if (parsed.venue === 'book') {
      let outcome;
      try {
        outcome = submitToBook(core, parsed, this.reserver, this.accept);
      } catch (e) {
        // The book's refusals (CAPACITY_EXCEEDED) are the market call's, named after it.
        throw underName(fn, e);
      }
      result = new SubmitView(parsed.id, outcome.product, outcome.status, outcome.trades, outcome.filledLots, outcome.remainingLots, config.quantityStep);
    } else {
      // The reservation stamps the ledger's entry with the time pinned at the command's start: no
      // user code runs between the checks and the order's placing.
      const reservation = funds.reserve(parsed, fn);
      const product = core.orderProduct(parsed.participant.zoneIndex, parsed.start);
      product.sealed.push(core.live.add(parsed.id, parsed.participant, product, parsed.side, parsed.priceTicks, parsed.lots, 'sealed', reservation, core.nextSeq()));
      this.accept(parsed);
      result = new SubmitView(parsed.id, product.id, 'sealed', NO_TRADES, 0, parsed.lots, config.quantityStep);
    }
    if (core.listens('orderAccepted')) {
      core.emitFirst('orderAccepted', { orderId: parsed.id, participant: parsed.participant.id, product: result.product, side: parsed.side, status: result.status });
    }
    return result;
  }

  // Journals an accepted order, once nothing can refuse it any more (made once, as the reserver).
  private readonly accept = (parsed: ParsedOrder): void => {
    const ctx = this.ctx;
    ctx.record(ctx.keepsCommands() ? { kind: 'submit', order: journalOrder(parsed, ctx.config) } : undefined);
  };

  // Book calls reserve through this, made once: a closure per submit would cost an allocation.
  private readonly reserver = (o: ParsedOrder): number => this.ctx.funds.reserve(o, SUBMIT.fn);

  // Queues the 'orderRejected' event of a refusal (a WattError) with the id and participant as
  // read (a getter runs once per submit, not again for the event); true when it was one.
  private announceRejection(raw: RawOrder, e: unknown): boolean {
    if (!(e instanceof WattError)) return false;
    this.ctx.core.emit('orderRejected', { orderId: raw.id, participant: raw.participant, code: e.code, message: e.message });
    return true;
  }
}
