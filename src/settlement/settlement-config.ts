import { describeValue } from '../errors/describe-value.js';
import { ErrorCode } from '../errors/error-codes.js';
import { fail } from '../errors/watt-error.js';
import { Ledger } from '../ledger/ledger.js';
import { ROUNDING_MODES, type RoundingMode } from '../units/rounding.js';
import { createStep, type Step } from '../units/step.js';
import { checkId, checkKnownKeys, checkObject, checkOneOf } from '../validation/checks.js';
import { MoneyScale } from './money-scale.js';
import type { SettlementAccounts, SettlementOptions } from './settlement-types.js';

/** Settlement options with every default filled in and checked against the ledger. */
export interface SettlementConfig {
  readonly moneyAsset: string;
  readonly energyAsset: string;
  readonly moneyStep: Step;
  readonly energyStep: Step;
  readonly tick: Step;
  readonly charges: RoundingMode;
  readonly credits: RoundingMode;
  readonly accounts: Readonly<Required<SettlementAccounts>>;
  readonly participantAccount: (participant: string, asset: string) => string;
  /** Whether participant accounts are named `<participant>:<asset>` (no `participantAccount` option). */
  readonly defaultNaming: boolean;
  readonly prefix: string;
  readonly scale: MoneyScale;
  /** Transfer ids of settlement legs: derived from the batch id, or named after trade and participant. */
  readonly legIds: 'derived' | 'named';
}

const OPTION_KEYS = ['moneyAsset', 'energyAsset', 'priceTick', 'rounding', 'accounts', 'participantAccount', 'idPrefix', 'legIds'] as const;
const ACCOUNT_KEYS = ['utility', 'utilityEnergy', 'network', 'grid', 'marketOperator', 'residue', 'clearing', 'clearingEnergy', 'congestion'] as const;

/** Checks that `ledger` is a Ledger: settlement posts through its integer path. */
export function checkLedger(ledger: unknown, fn: string): Ledger {
  if (!(ledger instanceof Ledger)) fail(ErrorCode.INVALID_ARGUMENT, fn, `ledger must be a Ledger; got ${describeValue(ledger)}`);
  return ledger;
}

/**
 * Resolves {@link SettlementOptions} once: assets and their steps from the ledger, the price
 * tick, rounding modes, account ids and the id prefix.
 * @throws WattError INVALID_OPTION for an unknown option or value; UNKNOWN_ASSET; INVALID_STEP.
 */
export function resolveSettlementConfig(ledger: Ledger, options: SettlementOptions | undefined, fn: string): SettlementConfig {
  const o = options === undefined ? {} : checkObject(options, fn, 'options');
  checkKnownKeys(o, OPTION_KEYS, fn, 'option');
  const assets = ledger.assets();
  const stepOf = (code: string): Step | undefined => {
    const a = assets.find((x) => x.code === code);
    return a === undefined ? undefined : createStep(a.step, fn, 'asset step');
  };
  const energyAsset = o['energyAsset'] === undefined ? 'kWh' : checkId(o['energyAsset'], fn, 'energyAsset', ErrorCode.INVALID_OPTION);
  const energyStep = stepOf(energyAsset);
  if (energyStep === undefined) fail(ErrorCode.UNKNOWN_ASSET, fn, `the ledger has no energy asset '${energyAsset}'`);
  let moneyAsset: string;
  if (o['moneyAsset'] === undefined) {
    const others = assets.filter((a) => a.code !== energyAsset);
    if (others.length !== 1) {
      fail(ErrorCode.INVALID_OPTION, fn, `moneyAsset is required when the ledger has ${others.length} assets besides '${energyAsset}'`);
    }
    moneyAsset = (others[0] as { code: string }).code;
  } else {
    moneyAsset = checkId(o['moneyAsset'], fn, 'moneyAsset', ErrorCode.INVALID_OPTION);
  }
  const moneyStep = stepOf(moneyAsset);
  if (moneyStep === undefined) fail(ErrorCode.UNKNOWN_ASSET, fn, `the ledger has no money asset '${moneyAsset}'`);
  if (moneyAsset === energyAsset) fail(ErrorCode.INVALID_OPTION, fn, 'moneyAsset and energyAsset must differ');
  const tick = createStep((o['priceTick'] ?? '0.0001') as string, fn, 'priceTick');

  const rounding = o['rounding'] === undefined ? {} : checkObject(o['rounding'], fn, 'rounding');
  checkKnownKeys(rounding, ['charges', 'credits'], fn, 'rounding option');
  const charges = checkOneOf(rounding['charges'], ROUNDING_MODES, 'half-even', fn, 'rounding.charges');
  const credits = checkOneOf(rounding['credits'], ROUNDING_MODES, 'half-even', fn, 'rounding.credits');

  const given = o['accounts'] === undefined ? {} : checkObject(o['accounts'], fn, 'accounts');
  checkKnownKeys(given, ACCOUNT_KEYS, fn, 'account role');
  const pick = (key: (typeof ACCOUNT_KEYS)[number], fallback: string): string =>
    given[key] === undefined ? fallback : checkId(given[key], fn, `accounts.${key}`, ErrorCode.INVALID_OPTION);
  const accounts = Object.freeze({
    utility: pick('utility', `utility:${moneyAsset}`),
    utilityEnergy: pick('utilityEnergy', `utility:${energyAsset}`),
    network: pick('network', `network:${moneyAsset}`),
    grid: pick('grid', `grid:${energyAsset}`),
    marketOperator: pick('marketOperator', `market:${moneyAsset}`),
    residue: pick('residue', `residue:${moneyAsset}`),
    clearing: pick('clearing', `clearing:${moneyAsset}`),
    clearingEnergy: pick('clearingEnergy', `clearing:${energyAsset}`),
    congestion: pick('congestion', `congestion:${moneyAsset}`),
  });

  const custom = o['participantAccount'];
  if (custom !== undefined && typeof custom !== 'function') {
    fail(ErrorCode.INVALID_OPTION, fn, `participantAccount must be a function; got ${describeValue(custom)}`);
  }
  const naming = (custom as ((p: string, a: string) => unknown) | undefined) ?? ((p: string, a: string) => `${p}:${a}`);
  const participantAccount = (participant: string, asset: string): string => {
    const id = naming(participant, asset);
    if (typeof id !== 'string' || id === '') {
      fail(ErrorCode.INVALID_OPTION, fn, `participantAccount returned ${describeValue(id)} for '${participant}', not an account id`);
    }
    return id;
  };
  const prefix = o['idPrefix'] === undefined ? 'settle' : checkId(o['idPrefix'], fn, 'idPrefix', ErrorCode.INVALID_OPTION);
  const legIds = checkOneOf(o['legIds'], ['derived', 'named'] as const, 'derived', fn, 'legIds');
  return Object.freeze({
    moneyAsset, energyAsset, moneyStep, energyStep, tick, charges, credits, accounts, participantAccount,
    defaultNaming: custom === undefined, prefix, scale: new MoneyScale(tick, energyStep, moneyStep), legIds,
  });
}

/** Escapes one component of a settlement or collateral id so ids stay unambiguous. */
export function idPart(text: string): string {
  if (text.indexOf('%') < 0 && text.indexOf('/') < 0) return text;
  return text.replace(/%/g, '%25').replace(/\//g, '%2F');
}
