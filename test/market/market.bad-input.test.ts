import { describe, expect, it } from 'vitest';
import { ErrorCode, Market } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';
import { campusMarket, DAY, fund, MIN, Q } from './market-helpers.js';

const T1 = DAY + 8 * 60 * MIN;

/** A market with participants, a resting and a sealed order, a settled interval: something to leave unchanged. */
function busyMarket(): Market {
  const { market, clock } = campusMarket({ mode: { main: 'continuous', east: 'auction' }, zones: ['main', 'east'] });
  fund(market, ['a', 'b']);
  fund(market, ['e'], 10_000, 'east');
  market.submit({ id: 'rest', participant: 'a', deliveryStart: T1, side: 'buy', price: 1000, quantity: 1 });
  market.submit({ id: 'seal', participant: 'e', deliveryStart: T1, side: 'buy', price: 1000, quantity: 1 });
  clock.set(DAY);
  market.advanceTo(DAY);
  return market;
}

const S = (o: Record<string, unknown>): never => o as never;
const ORDER = { id: 'n', participant: 'b', deliveryStart: T1, side: 'sell', price: 1500, quantity: 1 };

/** [what, call, code]: every mutating method's bad inputs. */
const CASES: [string, (m: Market) => unknown, ErrorCode][] = [
  ['register: not an object', (m) => m.registerParticipant(S(null as never)), ErrorCode.INVALID_ARGUMENT],
  ['register: empty id', (m) => m.registerParticipant({ id: '' }), ErrorCode.INVALID_ID],
  ['register: reserved id', (m) => m.registerParticipant({ id: '@x' }), ErrorCode.INVALID_ID],
  ['register: duplicate', (m) => m.registerParticipant({ id: 'a' }), ErrorCode.DUPLICATE_PARTICIPANT],
  ['register: unknown zone', (m) => m.registerParticipant({ id: 'z', zone: 'mars' }), ErrorCode.UNKNOWN_ZONE],
  ['deposit: unknown participant', (m) => m.deposit({ id: 'd', participant: 'nobody', amount: 1 }), ErrorCode.UNKNOWN_PARTICIPANT],
  ['deposit: zero', (m) => m.deposit({ id: 'd', participant: 'a', amount: 0 }), ErrorCode.INVALID_AMOUNT],
  ['deposit: fraction', (m) => m.deposit({ id: 'd', participant: 'a', amount: '0.5' }), ErrorCode.INVALID_AMOUNT],
  ['deposit: NaN', (m) => m.deposit({ id: 'd', participant: 'a', amount: NaN }), ErrorCode.INVALID_AMOUNT],
  ['deposit: too large', (m) => m.deposit({ id: 'd', participant: 'a', amount: '1e30' }), ErrorCode.INVALID_AMOUNT],
  ['deposit: empty id', (m) => m.deposit({ id: '', participant: 'a', amount: 1 }), ErrorCode.INVALID_ID],
  ['deposit: conflicting retry', (m) => m.deposit({ id: 'init-a', participant: 'a', amount: 2 }), ErrorCode.TRANSFER_CONFLICT],
  ['withdraw: more than available', (m) => m.withdraw({ id: 'w', participant: 'a', amount: 10_000_000 }), ErrorCode.INSUFFICIENT_FUNDS],
  ['withdraw: unknown field', (m) => m.withdraw(S({ id: 'w', participant: 'a', amount: 1, memo: 'x' })), ErrorCode.INVALID_OPTION],
  ['submit: not an order', (m) => m.submit(S(42 as never)), ErrorCode.INVALID_ARGUMENT],
  ['submit: duplicate id', (m) => m.submit(S({ ...ORDER, id: 'rest' })), ErrorCode.DUPLICATE_ORDER_ID],
  ['submit: reserved id', (m) => m.submit(S({ ...ORDER, id: '@n' })), ErrorCode.INVALID_ID],
  ['submit: unknown participant', (m) => m.submit(S({ ...ORDER, participant: 'x' })), ErrorCode.UNKNOWN_PARTICIPANT],
  ['submit: not a start', (m) => m.submit(S({ ...ORDER, deliveryStart: T1 + 1 })), ErrorCode.UNKNOWN_PRODUCT],
  ['submit: fractional time', (m) => m.submit(S({ ...ORDER, deliveryStart: T1 + 0.5 })), ErrorCode.UNKNOWN_PRODUCT],
  ['submit: time as text', (m) => m.submit(S({ ...ORDER, deliveryStart: String(T1) })), ErrorCode.UNKNOWN_PRODUCT],
  ['submit: gate passed', (m) => m.submit(S({ ...ORDER, deliveryStart: DAY })), ErrorCode.PRODUCT_CLOSED],
  ['submit: not open yet', (m) => m.submit(S({ ...ORDER, deliveryStart: DAY + 2 * 1440 * MIN })), ErrorCode.PRODUCT_CLOSED],
  ['submit: side', (m) => m.submit(S({ ...ORDER, side: 'hold' })), ErrorCode.INVALID_SIDE],
  ['submit: zero quantity', (m) => m.submit(S({ ...ORDER, quantity: 0 })), ErrorCode.INVALID_QUANTITY],
  ['submit: off-step quantity', (m) => m.submit(S({ ...ORDER, quantity: '0.0001' })), ErrorCode.INVALID_QUANTITY],
  ['submit: infinite quantity', (m) => m.submit(S({ ...ORDER, quantity: Infinity })), ErrorCode.INVALID_QUANTITY],
  ['submit: out of band', (m) => m.submit(S({ ...ORDER, price: 5000 })), ErrorCode.PRICE_OUT_OF_BAND],
  ['submit: off-tick price', (m) => m.submit(S({ ...ORDER, price: '1000.5' })), ErrorCode.INVALID_PRICE],
  ['submit: funds', (m) => m.submit(S({ ...ORDER, side: 'buy', price: 2000, quantity: 1000 })), ErrorCode.INSUFFICIENT_FUNDS],
  ['submitSteps: fractional steps', (m) => m.submitSteps(S({ id: 'n', participant: 'b', deliveryStart: T1, side: 'sell', priceTicks: 1500, quantitySteps: 1.5 })), ErrorCode.INVALID_QUANTITY],
  ['submitSteps: price ticks text', (m) => m.submitSteps(S({ id: 'n', participant: 'b', deliveryStart: T1, side: 'sell', priceTicks: '1500', quantitySteps: 1 })), ErrorCode.INVALID_PRICE],
  ['cancel: not a string', (m) => m.cancel(S(5 as never)), ErrorCode.INVALID_ID],
  ['cancel: empty', (m) => m.cancel(''), ErrorCode.INVALID_ID],
  ['amend: unknown order', (m) => m.amend('nope', { price: 1000 }), ErrorCode.UNKNOWN_ORDER],
  ['amend: empty change', (m) => m.amend('rest', {}), ErrorCode.INVALID_ARGUMENT],
  ['amend: unknown field', (m) => m.amend('rest', S({ side: 'sell' })), ErrorCode.INVALID_OPTION],
  ['amend: zero quantity', (m) => m.amend('rest', { quantity: 0 }), ErrorCode.INVALID_QUANTITY],
  ['amend: out of band', (m) => m.amend('seal', { price: 1 }), ErrorCode.PRICE_OUT_OF_BAND],
  ['amend: funds', (m) => m.amend('seal', { quantity: 100 }), ErrorCode.INSUFFICIENT_FUNDS],
  ['advanceTo: backwards', (m) => m.advanceTo(DAY - 1), ErrorCode.INVALID_TIME],
  ['advanceTo: NaN', (m) => m.advanceTo(NaN), ErrorCode.INVALID_TIME],
  ['advanceTo: fraction', (m) => m.advanceTo(DAY + 0.5), ErrorCode.INVALID_TIME],
  ['advanceTo: text', (m) => m.advanceTo(S('9' as never)), ErrorCode.INVALID_TIME],
  ['advanceTo: beyond the calendar', (m) => m.advanceTo(Number.MAX_SAFE_INTEGER), ErrorCode.INVALID_TIME],
  ['settle: not a start', (m) => m.settle(T1 + 1, []), ErrorCode.UNKNOWN_PRODUCT],
  ['settle: not delivered', (m) => m.settle(T1, []), ErrorCode.NOT_SETTLEABLE],
  ['settle: readings not an array', (m) => m.settle(DAY - Q, S({})), ErrorCode.INVALID_ARGUMENT],
  ['settle: unknown participant', (m) => m.settle(DAY - Q, [{ participant: 'x', net: 1 }]), ErrorCode.UNKNOWN_PARTICIPANT],
  ['settle: bad value', (m) => m.settle(DAY - Q, [{ participant: 'a', net: 'x' }]), ErrorCode.INVALID_QUANTITY],
  ['settleSteps: fractional steps', (m) => m.settleSteps(DAY - Q, [{ participant: 'a', netSteps: 0.5 }]), ErrorCode.INVALID_QUANTITY],
  ['prune: NaN', (m) => m.prune(NaN), ErrorCode.INVALID_TIME],
  ['prune: Infinity', (m) => m.prune(Infinity), ErrorCode.INVALID_TIME],
];

describe('Market: bad input to every command leaves state, journal and sequence as they were', () => {
  it.each(CASES)('%s', (_name, call, code) => {
    const market = busyMarket();
    const hash = market.stateHash();
    const journal = market.journal().length;
    const sequence = market.sequence;
    expectWattError(() => call(market), code);
    expect(market.stateHash()).toBe(hash);
    expect(market.journal().length).toBe(journal);
    expect(market.sequence).toBe(sequence);
  });

  it('queries refuse bad arguments with a code', () => {
    const market = busyMarket();
    expectWattError(() => market.product('mars', T1), ErrorCode.UNKNOWN_ZONE);
    expectWattError(() => market.product('main', T1 + 1), ErrorCode.UNKNOWN_PRODUCT);
    expectWattError(() => market.trades(NaN), ErrorCode.UNKNOWN_PRODUCT);
    expectWattError(() => market.auctionResult('mars', T1), ErrorCode.UNKNOWN_ZONE);
    expectWattError(() => market.depth('main', S('x' as never)), ErrorCode.UNKNOWN_PRODUCT);
    expectWattError(() => market.order(S(1 as never)), ErrorCode.INVALID_ID);
    expectWattError(() => market.balance('nobody'), ErrorCode.UNKNOWN_PARTICIPANT);
  });

  it('refuses bad options at construction', () => {
    for (const [options, code] of [
      [{ intervalMinutes: 7 }, ErrorCode.INVALID_OPTION],
      [{ mode: 'barter' }, ErrorCode.INVALID_OPTION],
      [{ k: 2 }, ErrorCode.INVALID_K],
      [{ priceTick: 0 }, ErrorCode.INVALID_STEP],
      [{ collateral: 'yes' }, ErrorCode.INVALID_OPTION],
      [{ tariff: { retailPrice: 600, feedInPrice: 671 } }, ErrorCode.INVALID_PRICE],
      [{ unknown: 1 }, ErrorCode.INVALID_OPTION],
    ] as const) {
      const e = expectWattError(() => campusMarket(options as never), code);
      expect(e.message.startsWith('Market')).toBe(true);
    }
  });
});
