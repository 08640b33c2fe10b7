import { describe, expect, it } from 'vitest';
import {
  AllocationBuilder,
  BUILT_IN_MECHANISMS,
  clearAuction,
  ErrorCode,
  Market,
  ManualClock,
  MECHANISM_NAMES,
  MECHANISM_PROPERTIES,
  type AuctionMechanism,
  type MechanismName,
} from '../../src/index.js';
import { isBuiltInMechanismName, mechanismsSupporting, supports } from '../../src/auction/mechanisms/built-in-mechanisms.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

const ORDERS = [
  { id: 'b1', owner: 'x', side: 'buy' as const, price: '0.30', quantity: '2', zone: 'north' },
  { id: 's1', owner: 'y', side: 'sell' as const, price: '0.10', quantity: '2', zone: 'south' },
];
const ZONAL_FEES = { fees: { north: { north: 0, south: '0.02' }, south: { north: '0.02', south: 0 } } };
const ONE_FEE = { fees: { north: { north: '0.01', south: '0.01' }, south: { north: '0.01', south: '0.01' } } };

/** The uniform mechanism under another name, declaring `supports`. */
function renamed(name: string, base: AuctionMechanism, supportsDecl: AuctionMechanism['supports']): AuctionMechanism {
  return { name, properties: base.properties, supports: supportsDecl, clear: (o, c) => base.clear(o, c) };
}

describe('the mechanism registry', () => {
  it('holds each built-in by its own name, and every list derives from it', () => {
    expect(MECHANISM_NAMES).toEqual(Object.keys(BUILT_IN_MECHANISMS));
    expect(MECHANISM_NAMES[0]).toBe('uniform');
    for (const name of MECHANISM_NAMES) {
      const m = BUILT_IN_MECHANISMS[name];
      expect(m.name).toBe(name);
      expect(MECHANISM_PROPERTIES[name]).toBe(m.properties);
      expect(m.supports).toMatchObject({ zones: true });
      expect(Object.isFrozen(m)).toBe(true);
      expect(isBuiltInMechanismName(name)).toBe(true);
      // A name of the registry is accepted everywhere a mechanism name is.
      expect(clearAuction(ORDERS.map((o) => ({ ...o, zone: undefined })), { mechanism: name }).mechanism).toBe(name);
    }
    expect(Object.isFrozen(BUILT_IN_MECHANISMS)).toBe(true);
    expect(Object.isFrozen(MECHANISM_NAMES)).toBe(true);
    expect(isBuiltInMechanismName('toString')).toBe(false);
    expect(isBuiltInMechanismName(BUILT_IN_MECHANISMS.uniform)).toBe(false);
  });

  it('says which mechanisms take fees that differ between zones', () => {
    expect(mechanismsSupporting('zonalFees')).toEqual(['uniform', 'discriminatory']);
    expect(mechanismsSupporting('zones')).toEqual(MECHANISM_NAMES);
    expect(supports('huang', 'zonalFees')).toBe(false);
    expect(supports('no-such-mechanism', 'zones')).toBe(false);
    // Undeclared support counts as supported (the allocation is verified either way).
    expect(supports(renamed('x', BUILT_IN_MECHANISMS.uniform, undefined), 'zonalFees')).toBe(true);
  });

  it('refuses zonal fees for a mechanism that declares it has no form with them, built-in or custom, naming it', () => {
    for (const name of ['mcafee', 'trade-reduction', 'huang'] as const) {
      const e = expectWattError(() => clearAuction(ORDERS, { mechanism: name, zones: ZONAL_FEES }), ErrorCode.INVALID_OPTION, { fnName: 'clearAuction' });
      expect(e.message).toContain(`mechanism '${name}' supports grid fees only when every zone pair has the same fee; use 'uniform' or 'discriminatory'`);
      expect(clearAuction(ORDERS, { mechanism: name, zones: ONE_FEE }).mechanism).toBe(name);
    }
    const noZonal = renamed('no-zonal', BUILT_IN_MECHANISMS.uniform, { zones: true, zonalFees: false });
    expect(expectWattError(() => clearAuction(ORDERS, { mechanism: noZonal, zones: ZONAL_FEES }), ErrorCode.INVALID_OPTION).message).toContain("'no-zonal'");
    const noZones = renamed('one-zone', BUILT_IN_MECHANISMS.uniform, { zones: false });
    expect(expectWattError(() => clearAuction(ORDERS, { mechanism: noZones, zones: ONE_FEE }), ErrorCode.INVALID_OPTION).message).toContain(
      "mechanism 'one-zone' does not support zones",
    );
    // Declaring the support it has clears like the built-in it wraps.
    const zonal = renamed('zonal', BUILT_IN_MECHANISMS.uniform, { zones: true, zonalFees: true });
    const wrapped = clearAuction(ORDERS, { mechanism: zonal, zones: ZONAL_FEES });
    const builtIn = clearAuction(ORDERS, { mechanism: 'uniform', zones: ZONAL_FEES });
    const figures = (r: typeof builtIn): string =>
      JSON.stringify([r.price, r.volume, r.welfare, r.surplus, r.trades.map((t) => [t.buyOrderId, t.sellOrderId, t.quantity, t.buyerPrice, t.sellerPrice])]);
    expect(wrapped.mechanism).toBe('zonal');
    expect(wrapped.volume.toString()).toBe('2');
    expect(figures(wrapped)).toBe(figures(builtIn));
  });

  it('refuses a support declaration that is not an object of booleans', () => {
    for (const bad of [1, 'yes', [], { zones: 'yes' }, { zonalFees: 1 }, { capacities: 'yes' }, null]) {
      const m = { ...renamed('m', BUILT_IN_MECHANISMS.uniform, undefined), supports: bad } as unknown as AuctionMechanism;
      expect(expectWattError(() => clearAuction([], { mechanism: m }), ErrorCode.INVALID_OPTION).message).toContain('mechanism.supports');
    }
  });

  it('is what a Market checks its zone fees against', () => {
    const options = (mechanism: MechanismName | AuctionMechanism) => ({
      clock: new ManualClock(0),
      zones: ['north', 'south'],
      tariff: { retailPrice: '0.3', feedInPrice: '0.1', zoneFees: ZONAL_FEES.fees },
      mechanism,
    });
    expect(() => new Market(options('uniform'))).not.toThrow();
    const e = expectWattError(() => new Market(options('huang')), ErrorCode.INVALID_OPTION, { fnName: 'Market' });
    expect(e.message).toContain("'huang'");
    expectWattError(() => new Market(options(renamed('mine', BUILT_IN_MECHANISMS.uniform, { zonalFees: false }))), ErrorCode.INVALID_OPTION);
  });
});

describe('MechanismSupport.capacities (issue 13: every capability in one place)', () => {
  const LINKED = {
    fees: { north: { north: 0, south: '0.02' }, south: { north: '0.02', south: 0 } },
    capacity: { south: { north: 1 } },
  };
  const NORTH_BUYER = [
    { id: 'b1', owner: 'x', side: 'buy' as const, price: '0.30', quantity: '2', zone: 'north' },
    { id: 's1', owner: 'y', side: 'sell' as const, price: '0.10', quantity: '2', zone: 'south' },
  ];
  const uniform = BUILT_IN_MECHANISMS.uniform;
  /** The uniform mechanism under another name, with its own properties and support. */
  const wrap = (name: string, extra: Partial<AuctionMechanism['properties']>, supportsDecl: AuctionMechanism['supports']): AuctionMechanism => ({
    name,
    properties: { ...uniform.properties, ...extra },
    supports: supportsDecl,
    clear: (o, c) => uniform.clear(o, c),
  });

  it('is declared by the built-ins in the registry, and every list of them derives from it', () => {
    expect(mechanismsSupporting('capacities')).toEqual(['uniform', 'discriminatory']);
    for (const name of MECHANISM_NAMES) {
      expect(BUILT_IN_MECHANISMS[name].supports?.capacities).toBe(name === 'uniform' || name === 'discriminatory');
      expect(supports(name, 'capacities')).toBe(BUILT_IN_MECHANISMS[name].supports?.capacities);
      // Capabilities live in `supports` only: `properties` holds what a mechanism guarantees.
      expect(Object.keys(BUILT_IN_MECHANISMS[name].properties).sort()).toEqual(['budgetBalance', 'efficient', 'individuallyRational', 'truthful', 'uniformPricing']);
    }
  });

  it('counts as not supported when undeclared, unlike zones and zonal fees', () => {
    const undeclared = wrap('undeclared', {}, undefined);
    expect(supports(undeclared, 'capacities')).toBe(false);
    expect(supports(undeclared, 'zones')).toBe(true);
    expect(supports(undeclared, 'zonalFees')).toBe(true);
    expect(supports(wrap('partial', {}, { zonalFees: true }), 'capacities')).toBe(false);
  });

  it('refuses capacities for a custom mechanism that does not declare them, naming the mechanism, the link and what to use', () => {
    for (const m of [wrap('plain', {}, undefined), wrap('no-links', {}, { capacities: false })]) {
      const e = expectWattError(() => clearAuction(NORTH_BUYER, { mechanism: m, zones: LINKED }), ErrorCode.INVALID_OPTION, { fnName: 'clearAuction' });
      expect(e.message).toBe(
        `clearAuction: mechanism '${m.name}' cannot honour link capacities (zones.capacity.south.north is given); use 'uniform' or 'discriminatory', or a mechanism that declares supports.capacities (see docs/network.md)`,
      );
      // Without capacities it clears as the uniform mechanism it wraps.
      expect(clearAuction(NORTH_BUYER, { mechanism: m, zones: { fees: LINKED.fees } }).volume.toString()).toBe('2');
    }
  });

  it('accepts capacities from a mechanism that declares supports.capacities, clearing as the built-in it wraps', () => {
    const builtIn = clearAuction(NORTH_BUYER, { mechanism: 'uniform', zones: LINKED });
    expect(builtIn.volume.toString()).toBe('1');
    const figures = (r: typeof builtIn): string =>
      JSON.stringify([r.volume, r.welfare, r.surplus, r.congestionRent, r.flows, r.trades.map((t) => [t.quantity, t.buyerPrice, t.sellerPrice])]);
    const declared = clearAuction(NORTH_BUYER, { mechanism: wrap('declared', {}, { capacities: true }), zones: LINKED });
    expect(figures(declared)).toBe(figures(builtIn));
  });

  it('is not declared by an extra field of properties: validation ignores unknown properties fields, as it always has', () => {
    // Only the five guarantees are validated and read; any other field (whatever its value) is
    // accepted, declares nothing and is passed through untouched in the result's `properties`.
    const properties = { ...uniform.properties, honoursLinks: true, capacities: 'yes' };
    const extra: AuctionMechanism = { name: 'extra', properties, clear: (o, c) => uniform.clear(o, c) };
    expect(supports(extra, 'capacities')).toBe(false);
    const e = expectWattError(() => clearAuction(NORTH_BUYER, { mechanism: extra, zones: LINKED }), ErrorCode.INVALID_OPTION, { fnName: 'clearAuction' });
    expect(e.message).toContain(`mechanism 'extra' cannot honour link capacities (zones.capacity.south.north is given)`);
    const r = clearAuction(NORTH_BUYER, { mechanism: extra, zones: { fees: LINKED.fees } });
    expect(r.volume.toString()).toBe('2');
    expect(r.properties).toBe(properties);
    // The same fields beside `supports: { capacities: true }` change nothing either.
    const declared = clearAuction(NORTH_BUYER, { mechanism: { ...extra, supports: { capacities: true } }, zones: LINKED });
    expect(declared.volume.toString()).toBe('1');
  });
});

describe('an undeclared supports.zonalFees counts as supported: why that is safe', () => {
  // A mechanism that knows nothing of fees: it pairs the best bid with the best ask at the bid's
  // price for both sides (so the fee is not covered), declaring `budgetBalance`.
  const feeBlind = (budgetBalance: 'strong' | 'weak' | 'none'): AuctionMechanism => ({
    name: `fee-blind-${budgetBalance}`,
    properties: { individuallyRational: true, budgetBalance, truthful: 'no', efficient: false, uniformPricing: false },
    clear(o) {
      const out = new AllocationBuilder();
      out.add(0, 0, Math.min(o.bids.quantity[0] as number, o.asks.quantity[0] as number), o.bids.price[0] as number, o.bids.price[0] as number);
      return { trades: out.build() };
    },
  });
  const fees = { north: { north: 0, south: '0.02' }, south: { north: '0.02', south: 0 } };

  it('fails a mechanism that ignores the fees it declares a budget balance against, with MECHANISM_FAILED', () => {
    expect(expectWattError(() => clearAuction(ORDERS, { mechanism: feeBlind('strong'), zones: { fees } }), ErrorCode.MECHANISM_FAILED).message).toContain(
      'strongly budget-balanced but its surplus is not zero',
    );
    expect(expectWattError(() => clearAuction(ORDERS, { mechanism: feeBlind('weak'), zones: { fees } }), ErrorCode.MECHANISM_FAILED).message).toContain(
      'weakly budget-balanced but its surplus is negative',
    );
  });

  it('fails any mechanism whose pair does not cross net of its fee, whatever it declares', () => {
    const dear = { north: { north: 0, south: '0.25' }, south: { north: '0.25', south: 0 } };
    expect(expectWattError(() => clearAuction(ORDERS, { mechanism: feeBlind('none'), zones: { fees: dear } }), ErrorCode.MECHANISM_FAILED).message).toContain(
      'do not cross net of the fee',
    );
  });

  it('lets one that promises no budget balance run its deficit in the open: the fees are charged and the surplus is negative', () => {
    const r = clearAuction(ORDERS, { mechanism: feeBlind('none'), zones: { fees } });
    expect(r.trades.map((t) => [t.quantity.toString(), t.buyerPrice.toString(), t.sellerPrice.toString(), t.fee.toString()])).toEqual([['2', '0.3', '0.3', '0.02']]);
    expect(r.fees.toString()).toBe('0.04');
    expect(r.surplus.toString()).toBe('-0.04');
  });
});
