import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { toSteps, valueSpec } from '../units/to-steps.js';
import { checkId, checkKnownKeys, checkObject } from '../validation/checks.js';
import type { MarketConfig } from './market-config.js';
import type { MarketCore } from './market-core.js';
import type { CommandBody } from './market-journal.js';
import { stepsInput } from './market-trade.js';
import type { FundsTransferResult } from './market-types.js';
import type { ParticipantRecord } from './participant-registry.js';
import { rethrowAs } from './under-name.js';

const DEPOSIT_AMOUNT = valueSpec('Market.deposit', 'amount', ErrorCode.INVALID_AMOUNT, 'positive', 'step');
const WITHDRAW_AMOUNT = valueSpec('Market.withdraw', 'amount', ErrorCode.INVALID_AMOUNT, 'positive', 'step');

/** What a deposit or withdrawal needs of the market (its private parts, lent by {@link Market}). */
export interface FundsContext {
  readonly core: MarketCore;
  readonly config: MarketConfig;
  /** The `bank:<currency>` account money comes from and goes to. */
  readonly bank: string;
  /** The registered participant `id` names (UNKNOWN_PARTICIPANT otherwise). */
  participantOf(id: unknown, fn: string): ParticipantRecord;
  /** Numbers and journals an accepted command. */
  record(command: CommandBody): void;
}

/**
 * Moves money between a participant's account and the bank (Market.deposit, Market.withdraw):
 * validates everything, keeps a withdrawal within the money available, posts one idempotent
 * ledger transfer, and journals it when it was created (a retry of the same transfer is not
 * journalled again).
 */
export function moveFunds(ctx: FundsContext, transfer: unknown, kind: 'deposit' | 'withdraw'): FundsTransferResult {
  const fn = kind === 'deposit' ? 'Market.deposit' : 'Market.withdraw';
  const { core, config } = ctx;
  const outer = core.begin(fn);
  let result: FundsTransferResult;
  try {
    const t = checkObject(transfer, fn, 'transfer');
    checkKnownKeys(t, ['id', 'participant', 'amount'], fn, 'field');
    const id = checkId(t['id'], fn, 'id');
    const p = ctx.participantOf(t['participant'], fn);
    const steps = toSteps(t['amount'], config.currency.step, kind === 'deposit' ? DEPOSIT_AMOUNT : WITHDRAW_AMOUNT);
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
    core.end(outer);
  }
  core.flush();
  return result;
}
