import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, Ledger, openSettlementAccounts, settleInterval } from '../../src/index.js';
import type { ErrorCode as Code, IntervalSettlementInput, SettlementOptions } from '../../src/index.js';
import { expectWattError, runs } from '../helpers/expect-watt-error.js';
import { BASE, PEOPLE } from './settlement-fixtures.js';


function market(credit = false, deposit = 100_000): Ledger {
  const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' } });
  openSettlementAccounts(ledger, { participants: PEOPLE, credit });
  ledger.openAccount({ id: 'bank', asset: 'VND', allowNegative: true });
  for (const p of PEOPLE) if (deposit > 0) ledger.transfer({ id: `deposit/${p}`, from: 'bank', to: `${p}:VND`, amount: deposit });
  return ledger;
}


function moneyDelta(ledger: Ledger, before: Map<string, number>, id: string): number {
  return ledger.balanceSteps(id) - (before.get(id) ?? 0);
}
function balances(ledger: Ledger): Map<string, number> {
  return new Map(ledger.accountIds().map((id) => [id, ledger.balanceSteps(id)]));
}

describe('settleInterval', () => {
  it('settles trades, a shortfall, a surplus, extra consumption, a split fee and an auction spread', () => {
    const ledger = market();
    const before = balances(ledger);
    const r = settleInterval(ledger, BASE);
    expect(r.status).toBe('settled');
    const by = Object.fromEntries(r.participants.map((p) => [p.participant, p]));
    // canopy sold 4 at 1850.5 (7402), delivered 3.2: 0.8 short at 2536 = 2028.8 -> 2029; fee half of 120.5 x 4 = 241.
    expect(by['canopy']!.received.toString()).toBe('7402');
    expect(by['canopy']!.imbalance.toString()).toBe('-0.8');
    expect(by['canopy']!.imbalanceAmount.toString()).toBe('-2029');
    expect(by['canopy']!.fees.toString()).toBe('241');
    expect(by['canopy']!.net.toString()).toBe(String(7402 - 2029 - 241));
    // rooftop sold 2.5 at 1800.3 = 4500.75 -> 4501 (half-even), surplus 0.6 at 671 = 402.6 -> 403.
    expect(by['rooftop']!.received.toString()).toBe('4501');
    expect(by['rooftop']!.imbalanceAmount.toString()).toBe('403');
    // library bought exactly what it used: no imbalance.
    expect(by['library']!.imbalance.toString()).toBe('0');
    expect(by['library']!.imbalanceAmount.toString()).toBe('0');
    expect(by['ev-hub']!.imbalance.toString()).toBe('-1.25');
    // Market spread: (1900 - 1800.3) x 2.5 = 249.25 -> 249; residue = 12152 - 11903 - 249 = 0.
    expect(r.totals.marketSpread.toString()).toBe('249');
    expect(r.totals.residue.toString()).toBe('0');
    expect(r.totals.gridFees.toString()).toBe(String(241 * 2 + 151 * 2));
    for (const p of r.participants) expect(moneyDelta(ledger, before, `${p.participant}:VND`)).toBe(Number(p.net.toString()));
    for (const p of PEOPLE) expect(ledger.balanceSteps(`${p}:kWh`)).toBe(0);
    expect(ledger.balanceSteps('clearing:VND')).toBe(0);
    expect(ledger.balanceSteps('clearing:kWh')).toBe(0);
    expect(ledger.balance('market:VND').toString()).toBe('249');
    expect(ledger.balance('network:VND').toString()).toBe('784');
    // Energy in = energy out.
    expect(-ledger.balanceSteps('grid:kWh')).toBe(6300 - 7750);
    expect(ledger.balanceSteps('grid:kWh') + ledger.balanceSteps('utility:kWh')).toBe(0);
    expect(ledger.verify().ok).toBe(true);
  });

  it('has no second effect when the same interval is settled again, and refuses different inputs', () => {
    const ledger = market();
    settleInterval(ledger, BASE);
    const hash = ledger.stateHash();
    const again = settleInterval(ledger, { ...BASE, trades: BASE.trades.map((t) => ({ ...t })) });
    expect(again.status).toBe('exists');
    expect(ledger.stateHash()).toBe(hash);
    const variants: IntervalSettlementInput[] = [
      { ...BASE, trades: BASE.trades.slice(1) },
      { ...BASE, trades: [...BASE.trades, { id: 'T9', buyer: 'canopy', seller: 'library', quantity: '0.1', price: '1000' }] },
      { ...BASE, trades: [{ ...BASE.trades[0]!, quantity: '4.001' }, BASE.trades[1]!] },
      { ...BASE, meters: [{ participant: 'canopy', exported: '3.3' }, ...BASE.meters.slice(1)] },
      { ...BASE, tariff: { ...BASE.tariff, retailPrice: '2600' } },
      // A new trade its buyer could not even pay: still reported as a second settlement.
      { ...BASE, trades: [...BASE.trades, { id: 'T10', buyer: 'library', seller: 'canopy', quantity: '1000', price: '100000' }] },
    ];
    for (const input of variants) {
      expectWattError(() => settleInterval(ledger, input), ErrorCode.ALREADY_SETTLED, { fnName: 'settleInterval' });
      expect(ledger.stateHash()).toBe(hash);
    }
    // Another interval with the same trade ids is another settlement.
    expect(settleInterval(ledger, { ...BASE, interval: 'I2' }).status).toBe('settled');
  });

  it('refuses the whole batch when a participant cannot cover its net result, unless it has credit', () => {
    const poor = market(false, 0);
    const hash = poor.stateHash();
    const e = expectWattError(() => settleInterval(poor, BASE), ErrorCode.INSUFFICIENT_FUNDS, { fnName: 'settleInterval' });
    expect(e.message).toContain('ev-hub:VND');
    expect(poor.stateHash()).toBe(hash);
    const credit = market(true, 0);
    settleInterval(credit, BASE);
    expect(credit.balanceSteps('ev-hub:VND')).toBeLessThan(0);
    // A seller with nothing in its account can still pay its shortfall and fees out of its receipts.
    const ledger = market(false, 0);
    ledger.transfer({ id: 'fund-ev', from: 'bank', to: 'ev-hub:VND', amount: 20_000 });
    ledger.transfer({ id: 'fund-lib', from: 'bank', to: 'library:VND', amount: 20_000 });
    expect(settleInterval(ledger, BASE).status).toBe('settled');
    expect(ledger.balance('canopy:VND').toString()).toBe(String(7402 - 2029 - 241));
  });

  it('rounds charges and credits with the modes given, and sends what rounding leaves to the residue account', () => {
    const ledger = market();
    const input: IntervalSettlementInput = {
      interval: 'R',
      trades: [{ id: 'T', buyer: 'ev-hub', seller: 'canopy', quantity: '0.001', price: '1850.5' }], // 1.8505 VND
      meters: [{ participant: 'canopy', exported: '0.001' }, { participant: 'ev-hub', imported: '0.001' }],
      tariff: { retailPrice: '2500', feedInPrice: '700' },
    };
    const r = settleInterval(ledger, input, { rounding: { charges: 'ceil', credits: 'floor' } });
    expect(r.totals.buyerPayments.toString()).toBe('2');
    expect(r.totals.sellerReceipts.toString()).toBe('1');
    expect(r.totals.residue.toString()).toBe('1');
    expect(ledger.balance('residue:VND').toString()).toBe('1');
    expectWattError(() => settleInterval(ledger, { ...input, interval: 'S' }, { rounding: { charges: 'sideways' } } as never), ErrorCode.INVALID_OPTION);
  });

  it('charges a percentage fee on the seller value, to the payer named', () => {
    const ledger = market();
    const input: IntervalSettlementInput = {
      interval: 'P',
      trades: [{ id: 'T', buyer: 'ev-hub', seller: 'canopy', quantity: '2', price: '1000' }],
      meters: [{ participant: 'canopy', exported: '2' }, { participant: 'ev-hub', imported: '2' }],
      tariff: { retailPrice: '2500', feedInPrice: '700', gridFee: { kind: 'percent', percent: '2.5' }, gridFeePayer: 'seller' },
    };
    const r = settleInterval(ledger, input);
    expect(r.participants.map((p) => p.fees.toString())).toEqual(['50', '0']);
    expect(ledger.balance('network:VND').toString()).toBe('50');
  });

  it('takes book and auction trades as they come (Decimals, extra fields) and custom account names', () => {
    const ledger = new Ledger({ assets: { EUR: '0.01', kWh: '0.001' } });
    const naming = (p: string, asset: string): string => `acct/${asset}/${p}`;
    openSettlementAccounts(ledger, { participants: ['a', 'b'], credit: true }, { participantAccount: naming });
    const bookTrade = {
      sequence: 7, price: new Decimal('0.2512'), quantity: new Decimal('1.25'), makerOrderId: 'm', takerOrderId: 't',
      buyOrderId: 't', sellOrderId: 'm', buyer: 'a', seller: 'b', takerSide: 'buy' as const,
    };
    const auctionTrade = { buyOrderId: 'x', sellOrderId: 'y', buyer: 'b', seller: 'a', quantity: new Decimal('0.5'), buyerPrice: new Decimal('0.3'), sellerPrice: new Decimal('0.28') };
    const r = settleInterval(
      ledger,
      {
        interval: 'day-1/10:00',
        trades: [bookTrade, auctionTrade],
        meters: [{ participant: 'a', imported: '0.75' }, { participant: 'b', exported: '0.75' }],
        tariff: { retailPrice: '0.35', feedInPrice: '0.08' },
      },
      { participantAccount: naming, legIds: 'named' },
    );
    expect(r.participants.map((p) => p.imbalance.toString())).toEqual(['0', '0']);
    // 0.2512 x 1.25 = 0.314 -> 0.31; 0.3 x 0.5 = 0.15; 0.28 x 0.5 = 0.14; spread 0.01.
    expect(ledger.balance('acct/EUR/a').toString()).toBe('-0.17');
    expect(ledger.balance('acct/EUR/b').toString()).toBe('0.16');
    expect(ledger.balance('market:EUR').toString()).toBe('0.01');
    expect(ledger.transferInfo('settle/day-1%2F10:00/t/s7/pay')?.amount.toString()).toBe('0.31');
    expect(ledger.transferInfo('settle/day-1%2F10:00/t/x~y/take')?.amount.toString()).toBe('0.5');
  });

  it('names transfers by the batch and their position by default, and after trade and leg on request', () => {
    const derived = market();
    const named = market();
    const r = settleInterval(derived, BASE);
    settleInterval(named, BASE, { legIds: 'named' });
    // The same transfers in the same order, only their ids differ.
    const strip = (l: Ledger): unknown[] => l.journal().map((e) => [e.kind, e.debitAccount, e.creditAccount, e.amountSteps, e.batchId]);
    expect(strip(derived)).toEqual(strip(named));
    const ids = derived.journal().filter((e) => e.batchId === 'settle/I1').map((e) => e.transferId);
    expect(ids).toEqual(Array.from({ length: r.transfers }, (_, n) => `settle/I1/${n}`));
    expect(named.journal().filter((e) => e.batchId === 'settle/I1').map((e) => e.transferId)).toContain('settle/I1/t/s1/take');
    expect(derived.transferInfo('settle/I1/0')?.from).toBe('grid:kWh'); // the first credit: canopy's export
    // A retry must use the scheme the interval was settled with.
    expect(settleInterval(named, BASE, { legIds: 'named' }).status).toBe('exists');
    expectWattError(() => settleInterval(named, BASE), ErrorCode.ALREADY_SETTLED);
    expectWattError(() => settleInterval(derived, BASE, { legIds: 'words' } as never), ErrorCode.INVALID_OPTION);
  });

  it('settles negative prices the other way round', () => {
    const ledger = market();
    const r = settleInterval(ledger, {
      interval: 'N',
      trades: [{ id: 'T', buyer: 'ev-hub', seller: 'canopy', quantity: '1', price: '-100' }],
      meters: [{ participant: 'canopy', exported: '1' }, { participant: 'ev-hub', imported: '1' }],
      tariff: { retailPrice: '2500', feedInPrice: '-50' },
    });
    expect(r.participants.map((p) => p.net.toString())).toEqual(['-100', '100']);
    expect(ledger.balanceSteps('clearing:VND')).toBe(0);
  });

  it('credits prepayments made into the clearing accounts', () => {
    const ledger = market();
    ledger.transfer({ id: 'pre', from: 'ev-hub:VND', to: 'clearing:VND', amount: 8000 });
    const before = ledger.balanceSteps('ev-hub:VND');
    settleInterval(ledger, {
      interval: 'Q',
      trades: [{ id: 'T', buyer: 'ev-hub', seller: 'canopy', quantity: '4', price: '1850.5', buyerPrepaid: '8000' }],
      meters: [{ participant: 'canopy', exported: '4' }, { participant: 'ev-hub', imported: '4' }],
      tariff: { retailPrice: '2500', feedInPrice: '700' },
    });
    expect(ledger.balanceSteps('ev-hub:VND') - before).toBe(8000 - 7402); // the overpayment comes back
    expect(ledger.balanceSteps('clearing:VND')).toBe(0);
  });

  it('refuses bad input of every class before posting anything', () => {
    const ledger = market();
    const hash = ledger.stateHash();
    const t0 = BASE.trades[0]!;
    const cases: [unknown, Code, SettlementOptions?][] = [
      [null, ErrorCode.INVALID_ARGUMENT],
      [{ ...BASE, extra: 1 }, ErrorCode.INVALID_ARGUMENT],
      [{ ...BASE, interval: '' }, ErrorCode.INVALID_ID],
      [{ ...BASE, trades: 'x' }, ErrorCode.INVALID_ARGUMENT],
      [{ ...BASE, meters: undefined }, ErrorCode.INVALID_ARGUMENT],
      [{ ...BASE, tariff: undefined }, ErrorCode.INVALID_ARGUMENT],
      [{ ...BASE, trades: [null] }, ErrorCode.INVALID_ARGUMENT],
      [{ ...BASE, trades: [{ buyer: 'canopy', seller: 'library', quantity: 1, price: 1 }] }, ErrorCode.INVALID_ID],
      [{ ...BASE, trades: [{ ...t0, buyer: '' }] }, ErrorCode.INVALID_ID],
      [{ ...BASE, trades: [{ ...t0, quantity: 0 }] }, ErrorCode.INVALID_QUANTITY],
      [{ ...BASE, trades: [{ ...t0, quantity: '0.0001' }] }, ErrorCode.INVALID_QUANTITY],
      [{ ...BASE, trades: [{ ...t0, quantity: NaN }] }, ErrorCode.INVALID_QUANTITY],
      [{ ...BASE, trades: [{ ...t0, price: undefined }] }, ErrorCode.INVALID_PRICE],
      [{ ...BASE, trades: [{ ...t0, price: '1.00001' }] }, ErrorCode.INVALID_PRICE],
      [{ ...BASE, trades: [{ ...t0, buyerPrice: 1 }] }, ErrorCode.INVALID_SETTLEMENT],
      [{ ...BASE, trades: [{ ...t0, buyerPrepaid: -1 }] }, ErrorCode.INVALID_AMOUNT],
      [{ ...BASE, trades: [t0, t0] }, ErrorCode.INVALID_SETTLEMENT],
      [{ ...BASE, trades: [{ ...t0, buyer: 'stranger' }] }, ErrorCode.INVALID_SETTLEMENT],
      [{ ...BASE, meters: [...BASE.meters, BASE.meters[0]] }, ErrorCode.INVALID_SETTLEMENT],
      [{ ...BASE, meters: [{ participant: 'canopy', net: 1, exported: 1 }] }, ErrorCode.INVALID_SETTLEMENT],
      [{ ...BASE, meters: [{ participant: 'canopy', exported: -1 }] }, ErrorCode.INVALID_QUANTITY],
      [{ ...BASE, meters: [{ participant: 'canopy', imported: 'lots' }] }, ErrorCode.INVALID_QUANTITY],
      [{ ...BASE, meters: [{ participant: 'canopy', volts: 1 }] }, ErrorCode.INVALID_ARGUMENT],
      [{ ...BASE, tariff: { ...BASE.tariff, vat: 1 } }, ErrorCode.INVALID_ARGUMENT],
      [{ ...BASE, tariff: { ...BASE.tariff, retailPrice: Infinity } }, ErrorCode.INVALID_PRICE],
      [{ ...BASE, tariff: { ...BASE.tariff, gridFee: { kind: 'per-kwh', price: -1 } } }, ErrorCode.INVALID_FEE],
      [{ ...BASE, tariff: { ...BASE.tariff, gridFee: { kind: 'percent', percent: '0.00001' } } }, ErrorCode.INVALID_FEE],
      [{ ...BASE, tariff: { ...BASE.tariff, gridFee: { kind: 'flat' } } }, ErrorCode.INVALID_FEE],
      [{ ...BASE, tariff: { ...BASE.tariff, gridFeePayer: 'nobody' } }, ErrorCode.INVALID_OPTION],
      [BASE, ErrorCode.INVALID_OPTION, { colour: 'red' } as never],
      [BASE, ErrorCode.UNKNOWN_ASSET, { moneyAsset: 'EUR' }],
      [BASE, ErrorCode.UNKNOWN_ASSET, { energyAsset: 'MWh' }],
      [BASE, ErrorCode.INVALID_STEP, { priceTick: 0 }],
      [BASE, ErrorCode.UNKNOWN_ACCOUNT, { accounts: { utility: 'nobody' } }],
      [BASE, ErrorCode.INVALID_SETTLEMENT, { accounts: { utility: 'canopy:VND' } }],
      [BASE, ErrorCode.INVALID_OPTION, { participantAccount: () => '' }],
    ];
    for (const [input, code, options] of cases) {
      expectWattError(() => settleInterval(ledger, input as never, options), code, { fnName: 'settleInterval' });
      expect(ledger.stateHash()).toBe(hash);
    }
    expectWattError(() => settleInterval({} as never, BASE), ErrorCode.INVALID_ARGUMENT);
  });
});

// ---- Properties over random intervals --------------------------------------------------------

const NAMES = ['p0', 'p1', 'p2', 'p3', 'p4'];
const intervalArb = fc
  .record({
    n: fc.integer({ min: 2, max: 5 }),
    trades: fc.array(
      fc.record({
        b: fc.nat(4),
        s: fc.nat(4),
        q: fc.integer({ min: 1, max: 5000 }),
        bp: fc.integer({ min: -2000, max: 40000 }),
        spread: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3000 })),
      }),
      { maxLength: 8 },
    ),
    meters: fc.array(fc.record({ e: fc.integer({ min: 0, max: 9000 }), i: fc.integer({ min: 0, max: 9000 }), exact: fc.boolean() }), { minLength: 5, maxLength: 5 }),
    retail: fc.integer({ min: 0, max: 40000 }),
    feedIn: fc.integer({ min: -500, max: 9000 }),
    fee: fc.oneof(
      fc.constant(undefined),
      fc.integer({ min: 0, max: 2000 }).map((t) => ({ kind: 'per-kwh' as const, price: new Decimal(t).div(10).toFixed() })),
      fc.integer({ min: 0, max: 100000 }).map((u) => ({ kind: 'percent' as const, percent: new Decimal(u).div(10000).toFixed() })),
    ),
    payer: fc.constantFrom('buyer' as const, 'seller' as const, 'split' as const),
    charges: fc.constantFrom('half-even' as const, 'ceil' as const, 'half-up' as const, 'down' as const),
    credits: fc.constantFrom('half-even' as const, 'floor' as const, 'up' as const),
    money: fc.constantFrom('1', '0.01', '100'),
    // Now and then prices and quantities a thousand times larger: price x quantity then passes
    // 2^53 and settlement computes in bigint instead of numbers; both must agree with the rest.
    f: fc.constantFrom(1, 1, 1, 1000),
  })
  .map(({ f, ...x }) => {
    x.trades = x.trades.map((t) => ({ ...t, q: t.q * f, bp: t.bp * f, spread: t.spread * f }));
    x.meters = x.meters.map((m) => ({ ...m, e: m.e * f, i: m.i * f }));
    x.retail *= f;
    x.feedIn *= f;
    if (x.fee?.kind === 'per-kwh') x.fee = { ...x.fee, price: new Decimal(x.fee.price).mul(f).toFixed() };
    const people = NAMES.slice(0, x.n);
    const trades = x.trades.map((t, k) => {
      const buyer = people[t.b % x.n]!;
      const seller = people[t.s % x.n]!;
      const q = new Decimal(t.q).div(1000).toFixed();
      const bp = new Decimal(t.bp).div(10).toFixed();
      if (t.spread === 0 && k % 2 === 0) return { id: `T${k}`, buyer, seller, quantity: q, price: bp };
      return { id: `T${k}`, buyer, seller, quantity: q, buyerPrice: bp, sellerPrice: new Decimal(t.bp - t.spread).div(10).toFixed() };
    });
    // Some participants meter exactly what they contracted, to check they pay no imbalance.
    const contracted = new Map<string, number>(people.map((p) => [p, 0]));
    x.trades.forEach((t) => {
      contracted.set(people[t.s % x.n]!, contracted.get(people[t.s % x.n]!)! + t.q);
      contracted.set(people[t.b % x.n]!, contracted.get(people[t.b % x.n]!)! - t.q);
    });
    const meters = people.map((p, k) => {
      const m = x.meters[k]!;
      if (m.exact) {
        const c = contracted.get(p)!;
        return { participant: p, exported: new Decimal(Math.max(c, 0) + m.i).div(1000).toFixed(), imported: new Decimal(Math.max(-c, 0) + m.i).div(1000).toFixed() };
      }
      return { participant: p, exported: new Decimal(m.e).div(1000).toFixed(), imported: new Decimal(m.i).div(1000).toFixed() };
    });
    const input: IntervalSettlementInput = {
      interval: 'I',
      trades,
      meters,
      tariff: {
        retailPrice: new Decimal(x.retail).div(10).toFixed(),
        feedInPrice: new Decimal(x.feedIn).div(10).toFixed(),
        ...(x.fee === undefined ? {} : { gridFee: x.fee }),
        gridFeePayer: x.payer,
      },
    };
    return { input, people, exact: x.meters.map((m) => m.exact), rounding: { charges: x.charges, credits: x.credits }, money: x.money };
  });

describe('settleInterval properties', () => {
  it('conserves energy and money exactly, settles every trade once, is idempotent, and charges no imbalance to the balanced', () => {
    fc.assert(
      fc.property(intervalArb, ({ input, people, exact, rounding, money }) => {
        const ledger = new Ledger({ assets: { M: money, kWh: '0.001' } });
        openSettlementAccounts(ledger, { participants: people, credit: true });
        const before = balances(ledger);
        const r = settleInterval(ledger, input, { rounding });
        // Energy: every participant nets to zero; clearing nets to zero; grid + utility = 0, i.e.
        // exported + supplied = imported + absorbed.
        for (const p of people) expect(ledger.balanceSteps(`${p}:kWh`)).toBe(0);
        expect(ledger.balanceSteps('clearing:kWh')).toBe(0);
        expect(ledger.balanceSteps('grid:kWh') + ledger.balanceSteps('utility:kWh')).toBe(0);
        const t = r.totals;
        expect(t.exported.plus(t.utilitySupplied).eq(t.imported.plus(t.utilityAbsorbed))).toBe(true);
        // Money: sums to zero (the ledger guarantees it per asset), clearing nets to zero, each
        // participant's account moved by exactly its reported net, residue closes the books.
        let sum = 0;
        for (const id of ledger.accountIds()) if (ledger.account(id).asset === 'M') sum += moneyDelta(ledger, before, id);
        expect(sum).toBe(0);
        expect(ledger.balanceSteps('clearing:M')).toBe(0);
        for (const p of r.participants) {
          expect(new Decimal(moneyDelta(ledger, before, `${p.participant}:M`)).mul(money).eq(p.net)).toBe(true);
        }
        expect(t.buyerPayments.minus(t.sellerReceipts).minus(t.marketSpread).eq(t.residue)).toBe(true);
        if (rounding.charges === 'ceil' && rounding.credits === 'floor') expect(t.residue.gte(0)).toBe(true);
        // Derived ids: the batch's transfers are settle/I/0, /1, ... in journal order.
        const entries = ledger.journal().filter((e) => e.batchId === 'settle/I');
        expect(entries.map((e) => e.transferId)).toEqual(Array.from({ length: r.transfers }, (_, n) => `settle/I/${n}`));
        // The same settlement with named ids posts the same transfers in the same order, and there
        // each trade settled exactly once: its energy legs exist once, with its quantity.
        const named = new Ledger({ assets: { M: money, kWh: '0.001' } });
        openSettlementAccounts(named, { participants: people, credit: true });
        settleInterval(named, input, { rounding, legIds: 'named' });
        const strip = (e: (typeof entries)[number]): unknown[] => [e.kind, e.debitAccount, e.creditAccount, e.amountSteps];
        expect(named.journal().map(strip)).toEqual(entries.map(strip));
        for (const trade of input.trades) {
          const take = named.transferInfo(`settle/I/t/${trade.id!}/take`);
          expect(take?.amount.eq(trade.quantity)).toBe(true);
          expect(named.journal().filter((e) => e.transferId === `settle/I/t/${trade.id!}/take`)).toHaveLength(1);
        }
        // Balanced participants pay no imbalance.
        r.participants.forEach((p, k) => {
          if (exact[k] === true) {
            expect(p.imbalance.isZero()).toBe(true);
            expect(p.imbalanceAmount.isZero()).toBe(true);
            expect(named.transferInfo(`settle/I/p/${p.participant}/imbalance`)).toBeUndefined();
          }
        });
        // Settling again changes nothing.
        const hash = ledger.stateHash();
        expect(settleInterval(ledger, input, { rounding }).status).toBe('exists');
        expect(ledger.stateHash()).toBe(hash);
        expect(ledger.verify().ok).toBe(true);
      }),
      { numRuns: runs(150) },
    );
  });

  it('agrees with a naive decimal.js computation of every participant\'s money result', () => {
    const round = (d: Decimal, mode: string): Decimal => {
      const modes: Record<string, Decimal.Rounding> = { 'half-even': Decimal.ROUND_HALF_EVEN, ceil: Decimal.ROUND_CEIL, floor: Decimal.ROUND_FLOOR, 'half-up': Decimal.ROUND_HALF_UP, down: Decimal.ROUND_DOWN, up: Decimal.ROUND_UP };
      return d.toDecimalPlaces(0, modes[mode] as Decimal.Rounding);
    };
    fc.assert(
      fc.property(intervalArb, ({ input, people, rounding, money }) => {
        const ledger = new Ledger({ assets: { M: money, kWh: '0.001' } });
        openSettlementAccounts(ledger, { participants: people, credit: true });
        const r = settleInterval(ledger, input, { rounding });
        const unit = new Decimal(money);
        const net = new Map<string, Decimal>(people.map((p) => [p, new Decimal(0)]));
        const position = new Map<string, Decimal>(people.map((p) => [p, new Decimal(0)]));
        const add = (p: string, v: Decimal): void => void net.set(p, net.get(p)!.plus(v));
        const tariff = input.tariff;
        for (const t of input.trades) {
          const q = new Decimal(t.quantity);
          const bp = new Decimal((t.buyerPrice ?? t.price) as string);
          const sp = new Decimal((t.sellerPrice ?? t.price) as string);
          add(t.buyer, round(bp.mul(q).div(unit), rounding.charges).neg());
          add(t.seller, round(sp.mul(q).div(unit), rounding.credits));
          let fee = new Decimal(0);
          if (tariff.gridFee?.kind === 'per-kwh') fee = new Decimal(tariff.gridFee.price).mul(q);
          if (tariff.gridFee?.kind === 'percent') fee = new Decimal(tariff.gridFee.percent).div(100).mul(sp.mul(q).abs());
          const payer = tariff.gridFeePayer ?? 'buyer';
          if (payer === 'split') {
            add(t.buyer, round(fee.div(2).div(unit), rounding.charges).neg());
            add(t.seller, round(fee.div(2).div(unit), rounding.charges).neg());
          } else {
            add(payer === 'buyer' ? t.buyer : t.seller, round(fee.div(unit), rounding.charges).neg());
          }
          position.set(t.seller, position.get(t.seller)!.plus(q));
          position.set(t.buyer, position.get(t.buyer)!.minus(q));
        }
        for (const m of input.meters) {
          const d = new Decimal(m.exported as string).minus(m.imported as string).minus(position.get(m.participant)!);
          if (d.gt(0)) add(m.participant, round(new Decimal(tariff.feedInPrice).mul(d).div(unit), rounding.credits));
          if (d.lt(0)) add(m.participant, round(new Decimal(tariff.retailPrice).mul(d.neg()).div(unit), rounding.charges).neg());
        }
        for (const p of r.participants) expect(p.net.toString()).toBe(net.get(p.participant)!.mul(unit).toString());
      }),
      { numRuns: runs(150) },
    );
  });

  it('needs each participant to cover only its net result, whatever the order of the trades', () => {
    fc.assert(
      fc.property(intervalArb, fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 5, maxLength: 5 }), fc.boolean(), ({ input, people, rounding, money }, deposits, reverse) => {
        // The net results, from a ledger that gives everyone credit.
        const open = new Ledger({ assets: { M: money, kWh: '0.001' } });
        openSettlementAccounts(open, { participants: people, credit: true });
        const nets = new Map(settleInterval(open, input, { rounding }).participants.map((p) => [p.participant, p.net]));
        // The same interval against accounts that may not go negative, funded with `deposits`.
        const ledger = new Ledger({ assets: { M: money, kWh: '0.001' } });
        openSettlementAccounts(ledger, { participants: people });
        ledger.openAccount({ id: 'bank', asset: 'M', allowNegative: true });
        people.forEach((p, k) => {
          if (deposits[k]! > 0) ledger.transfer({ id: `d${k}`, from: 'bank', to: `${p}:M`, amount: new Decimal(deposits[k]!).mul(money).toFixed() });
        });
        const covered = people.every((p, k) => new Decimal(deposits[k]!).mul(money).plus(nets.get(p)!).gte(0));
        const trades = reverse ? [...input.trades].reverse() : input.trades;
        const hash = ledger.stateHash();
        let code: string | undefined;
        try {
          settleInterval(ledger, { ...input, trades }, { rounding });
        } catch (e) {
          code = (e as { code?: string }).code;
        }
        if (covered) expect(code).toBeUndefined();
        else {
          expect(code).toBe(ErrorCode.INSUFFICIENT_FUNDS);
          expect(ledger.stateHash()).toBe(hash);
        }
      }),
      { numRuns: runs(100) },
    );
  });
});

describe('settleInterval with zone fees priced into trades', () => {
  it('sends the zone fee to the network and only the rest of the spread to the market operator', () => {
    const ledger = new Ledger({ assets: { VND: '1', kWh: '0.001' } });
    openSettlementAccounts(ledger, { participants: ['a', 'b'], credit: true });
    const trades = [{ id: 't1', buyer: 'a', seller: 'b', quantity: '2', buyerPrice: '1500', sellerPrice: '1300', fee: '120' }];
    const meters = [{ participant: 'a', imported: '2' }, { participant: 'b', exported: '2' }];
    const tariff = { retailPrice: '2204', feedInPrice: '671' };
    const r = settleInterval(ledger, { interval: 'i1', trades, meters, tariff });
    expect(ledger.balance('network:VND').toString()).toBe('240');
    expect(ledger.balance('market:VND').toString()).toBe('160');
    expect(r.totals.gridFees.toString()).toBe('240');
    expect(ledger.balance('a:VND').toString()).toBe('-3000');
    expect(ledger.balance('b:VND').toString()).toBe('2600');
    const bad = [{ ...trades[0]!, id: 't2', fee: '201' }];
    expectWattError(() => settleInterval(ledger, { interval: 'i2', trades: bad, meters, tariff }), ErrorCode.INVALID_SETTLEMENT);
    expectWattError(() => settleInterval(ledger, { interval: 'i3', trades: [{ ...trades[0]!, id: 't3', fee: '-1' }], meters, tariff }), ErrorCode.INVALID_FEE);
  });
});

describe('settleInterval default auction trade ids (regression: issue 11 defect 14)', () => {
  it('settles two auction trades whose order ids would join to the same `<buy>~<sell>` id', () => {
    const ledger = market();
    const trades = [
      { buyOrderId: 'a~b', sellOrderId: 'c', buyer: 'library', seller: 'rooftop', quantity: '1', buyerPrice: '1900', sellerPrice: '1900' },
      { buyOrderId: 'a', sellOrderId: 'b~c', buyer: 'ev-hub', seller: 'canopy', quantity: '1', buyerPrice: '1900', sellerPrice: '1900' },
      { buyOrderId: 'a%7Eb', sellOrderId: 'c', buyer: 'ev-hub', seller: 'rooftop', quantity: '1', buyerPrice: '1900', sellerPrice: '1900' },
      { buyOrderId: 'b7', sellOrderId: 's3', buyer: 'library', seller: 'canopy', quantity: '1', buyerPrice: '1900', sellerPrice: '1900' },
    ];
    const meters = PEOPLE.map((participant) => ({ participant, net: '0' }));
    const result = settleInterval(ledger, { interval: 'collide', trades, meters, tariff: BASE.tariff }, { legIds: 'named' });
    expect(result.status).toBe('settled');
    // The leg id escapes `%` once more (as every id part): `%7E` shows as `%257E`.
    const take = (id: string): string | undefined => ledger.transferInfo(`settle/collide/t/${id.replace(/%/g, '%25')}/take`)?.amount.toString();
    expect(take('a%7Eb~c')).toBe('1');
    expect(take('a~b%7Ec')).toBe('1');
    expect(take('a%257Eb~c')).toBe('1');
    // Order ids without `~` or `%` keep the plain form.
    expect(take('b7~s3')).toBe('1');
  });
});
