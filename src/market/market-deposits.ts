import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { inertInput } from '../units/inert-input.js';
import { toSteps, valueSpec } from '../units/to-steps.js';
import { checkId, checkObject } from '../validation/checks.js';
import { stepsInput } from './market-trade.js';
import type { FundsTransferResult } from './market-types.js';
import type { ParticipantRecord } from './participant-registry.js';
import { rethrowAs } from './under-name.js';
import type { CommandContext } from './command-context.js';

const DEPOSIT_AMOUNT = valueSpec('Market.deposit', 'amount', ErrorCode.INVALID_AMOUNT, 'positive', 'step');
const WITHDRAW_AMOUNT = valueSpec('Market.withdraw', 'amount', ErrorCode.INVALID_AMOUNT, 'positive', 'step');

/** What a deposit or withdrawal needs of the market (its private parts, lent by {@link Market}). */
export interface FundsContext extends CommandContext {
  /** The `bank:<currency>` account money comes from and goes to. */
  readonly bank: string;
  /** The registered participant `id` names (UNKNOWN_PARTICIPANT otherwise). */
  participantOf(id: unknown, fn: string): ParticipantRecord;
}

/**
 * Moves money between a participant's account and the bank (Market.deposit, Market.withdraw):
 * validates everything, keeps a withdrawal within the money available, posts one idempotent
 * ledger transfer, and journals it when it was created (a retry of the same transfer is not
 * journalled again). As every command that changes the market, it reads the transfer's fields
 * (each once) and the clocks before its first check, and the ledger stamps the transfer with the
 * time read then: no user code runs between the check of the money available and the transfer
 * (docs/market.md, "User code inside a command").
 */
export function moveFunds(ctx: FundsContext, transfer: unknown, kind: 'deposit' | 'withdraw'): FundsTransferResult {
  const fn = kind === 'deposit' ? 'Market.deposit' : 'Market.withdraw';
  const { core, config } = ctx;
  // Read: the keys and fields (getters, a Proxy's traps), then the ledger's clock and the market's.
  const isObject = typeof transfer === 'object' && transfer !== null && !Array.isArray(transfer);
  const t = transfer as Record<string, unknown>;
  const unknownKey = isObject ? Object.keys(t).find((key) => key !== 'id' && key !== 'participant' && key !== 'amount') : undefined;
  // A value that is an object (a Decimal amount, maybe in a Proxy) is read now, into an inert
  // snapshot: the checks below run no user code (see inertInput), and none runs while the
  // ledger's time is pinned.
  const rawId = isObject ? inertInput(t['id']) : undefined;
  const rawParticipant = isObject ? inertInput(t['participant']) : undefined;
  const rawAmount = isObject ? inertInput(t['amount']) : undefined;
  const ledgerTime = core.ledgerTime(fn, true);
  const outer = core.begin(fn);
  const outerPin = core.pinLedger(ledgerTime);
  let result: FundsTransferResult;
  try {
    checkObject(transfer, fn, 'transfer');
    if (unknownKey !== undefined) fail(ErrorCode.INVALID_OPTION, fn, `unknown field '${unknownKey}' (known: id, participant, amount)`);
    const id = checkId(rawId, fn, 'id');
    const p = ctx.participantOf(rawParticipant, fn);
    const steps = toSteps(rawAmount, config.currency.step, kind === 'deposit' ? DEPOSIT_AMOUNT : WITHDRAW_AMOUNT);
    const amount = stepsInput(steps, config.currency.step);
    const ledgerId = `${kind}/${id}`;
    const [from, to] = kind === 'deposit' ? [ctx.bank, p.money] : [p.money, ctx.bank];
    // Money accounts may go negative at settlement (a debt), so the market, not the ledger,
    // keeps a withdrawal within the money available. A retry of a recorded one is the ledger's to judge.
    if (kind === 'withdraw' && config.ledger.transferInfo(ledgerId) === undefined && steps > config.ledger.availableSteps(p.money)) {
      fail(ErrorCode.INSUFFICIENT_FUNDS, fn, `participant '${p.id}' has ${config.ledger.available(p.money).toString()} ${config.currency.code} available`);
    }
    result = rethrowAs(fn, () => config.ledger.transfer({ id: ledgerId, from, to, amount }));
    if (result.status === 'created') ctx.record({ kind, id, participant: p.id, amount });
    core.emit('fundsMoved', { id, participant: p.id, kind: kind === 'deposit' ? 'deposit' : 'withdrawal', status: result.status });
  } finally {
    core.unpinLedger(outerPin);
    core.end(outer);
  }
  core.flush();
  return result;
}
