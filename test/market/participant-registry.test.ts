import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Market } from '../../src/index.js';
import type { ParticipantRegistry } from '../../src/market/participant-registry.js';
import { runs } from '../helpers/expect-watt-error.js';
import { campusMarket } from './market-helpers.js';

function registryOf(market: Market): ParticipantRegistry {
  return (market as unknown as { core: { registry: ParticipantRegistry } }).core.registry;
}

describe('ParticipantRegistry.lookup', () => {
  it('finds what get finds, for any sequence of ids (in order, repeated, skipped, backwards, unknown, equal text in another string)', () => {
    const { market } = campusMarket({ utilityOrders: true });
    const ids = Array.from({ length: 12 }, (_, i) => `p${i}`);
    for (const id of ids) market.registerParticipant({ id });
    const registry = registryOf(market);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1, max: 13 }), { maxLength: 60 }), (picks) => {
        for (const k of picks) {
          // A fresh string of the same text (not the registered object), or an unknown id.
          const id = k < 0 ? '@utility' : k >= 12 ? `nobody${k}` : ['p', String(k)].join('');
          const found = registry.lookup(id);
          expect(found).toBe(registry.get(id));
          if (found !== undefined) expect(found.id).toBe(id);
        }
      }),
      { numRuns: runs(200) },
    );
  });

  it('finds participants in registration order, with gaps, without the map', () => {
    const { market } = campusMarket();
    for (let i = 0; i < 10; i++) market.registerParticipant({ id: `h${i}` });
    const registry = registryOf(market);
    const byId = (registry as unknown as { byId: Map<string, unknown> }).byId;
    let mapReads = 0;
    const get = byId.get.bind(byId);
    byId.get = (key: string) => {
      mapReads++;
      return get(key);
    };
    registry.lookup('h0');
    mapReads = 0;
    for (const i of [0, 1, 1, 2, 4, 7, 8, 9]) expect(registry.lookup(`h${i}`)?.number).toBe(i);
    expect(mapReads).toBe(0);
    expect(registry.lookup('h3')?.number).toBe(3); // behind: through the map
    expect(mapReads).toBe(1);
  });
});
