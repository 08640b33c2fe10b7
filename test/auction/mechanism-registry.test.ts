import { describe, expect, it } from 'vitest';
import {
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
    for (const bad of [1, 'yes', [], { zones: 'yes' }, { zonalFees: 1 }, null]) {
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
