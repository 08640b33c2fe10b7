import { describe, expect, it } from 'vitest';
import { ManualClock, Market } from '../../src/index.js';
import { DAY, fund, MIN, placeCrossingPair } from './market-helpers.js';
import { codeOf } from '../helpers/expect-watt-error.js';

// Third review: the read step's plain copies (settle-readings.ts,
// participant-registry.ts readParticipantInput) against 0d19c66's checks of the input itself.

const TARIFF = { retailPrice: 2204, feedInPrice: 671 };

function settledMarket(): Market {
  const clock = new ManualClock(DAY - 60 * MIN);
  const market = new Market({ clock, tariff: TARIFF, priceTick: 1, mode: 'auction', journal: true });
  fund(market, ['a', 'b']);
  placeCrossingPair(market);
  clock.set(DAY + 16 * MIN);
  market.advanceTo(DAY + 16 * MIN);
  return market;
}

/** A reading as JSON.parse gives it (readings often arrive as JSON): an own field named __proto__. */
const withProto = (json: string): Record<string, unknown> => JSON.parse(json) as Record<string, unknown>;

describe('review3: an own __proto__ field (JSON.parse) in a read-step copy', () => {
  it('R3-4: settle refuses a reading with an unknown own field __proto__ (INVALID_ARGUMENT, as at 0d19c66 and as settleSteps does)', () => {
    const market = settledMarket();
    const before = market.stateHash();
    const code = codeOf(() => market.settle(DAY, [withProto('{"participant":"a","net":3,"__proto__":5}') as never, { participant: 'b', net: -3 }]));
    expect(code).toBe('INVALID_ARGUMENT');
    expect(market.stateHash()).toBe(before);
  });

  it('R3-4 (control): settleSteps refuses it', () => {
    const market = settledMarket();
    expect(codeOf(() => market.settleSteps(DAY, [withProto('{"participant":"a","netSteps":3000,"__proto__":5}') as never, { participant: 'b', netSteps: -3000 }]))).toBe('INVALID_ARGUMENT');
  });

  it('R3-5: registerParticipant refuses a participant with an unknown own field __proto__', () => {
    const market = new Market({ clock: new ManualClock(DAY), tariff: TARIFF, journal: true });
    const code = codeOf(() => market.registerParticipant(withProto('{"id":"x","__proto__":{"zone":"nowhere"}}') as never));
    expect(code).toBe('INVALID_OPTION');
    expect(market.participants().length).toBe(0);
  });
});

describe('review3: registerParticipant runs user code after its clock', () => {
  it("R3-6: an id that is an object is described (its toString, user code) in step 1, not after the market's clock", () => {
    let reads = 0;
    const clock = { now: (): number => { reads++; return DAY; } };
    const market = new Market({ clock, tariff: TARIFF, journal: true });
    let readsAtToString = -1;
    const id = { toString(): string { readsAtToString = reads; return 'shown'; } };
    const before = reads; // the constructor reads the clock
    const code = codeOf(() => market.registerParticipant({ id } as never));
    expect(code).toBe('INVALID_ID');
    // toString ran; the rule: before the command reads the clock.
    expect(readsAtToString).toBe(before);
  });

  it("R3-6: a zone that is an object is described in step 1, not after the market's clock", () => {
    let reads = 0;
    const clock = { now: (): number => { reads++; return DAY; } };
    const market = new Market({ clock, tariff: TARIFF, journal: true });
    let readsAtToString = -1;
    const zone = { toString(): string { readsAtToString = reads; return 'shown'; } };
    const before = reads; // the constructor reads the clock
    codeOf(() => market.registerParticipant({ id: 'x', zone } as never));
    expect(readsAtToString).toBe(before);
  });
});
