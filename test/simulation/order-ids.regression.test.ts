import { describe, expect, it } from 'vitest';
import { BUILT_IN_MECHANISMS, campusScenario, runSimulation, type AuctionMechanism } from '../../src/index.js';

// Second review: the simulation now reuses each participant's order ids
// (`<participant>/<n>`) every interval (AgentBids.gateProcessed). The ids are user-visible: a
// custom mechanism gets them (orders.ids) and so does the market's auctionCleared result. At
// 0d19c66 each order id of a run was unique (`<participant>/<interval>/<n>`).

describe('review2: simulation order ids', () => {
  it('R2-9: a custom mechanism sees every order id of a run once (ids unique per run, as before the reuse)', () => {
    const seen = new Map<string, number>();
    let clears = 0;
    let repeated: string | undefined;
    const base = BUILT_IN_MECHANISMS.uniform;
    const mechanism: AuctionMechanism = {
      name: 'id-watcher',
      properties: base.properties,
      ...(base.supports === undefined ? {} : { supports: base.supports }),
      clear(orders, context) {
        clears++;
        for (const id of orders.ids) {
          const at = seen.get(id);
          if (at !== undefined && at !== clears && repeated === undefined) repeated = `${id} (clear ${at} and ${clears})`;
          seen.set(id, clears);
        }
        return base.clear(orders, context);
      },
    };
    runSimulation({ scenario: campusScenario(), days: 1, seed: 3, mechanism });
    expect(clears).toBeGreaterThan(1);
    expect(repeated).toBeUndefined();
  });
});
