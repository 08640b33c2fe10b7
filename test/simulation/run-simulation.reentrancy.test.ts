import { describe, expect, it } from 'vitest';
import { BUILT_IN_STRATEGIES, runSimulation, type BiddingStrategy } from '../../src/index.js';
import { reenterLibrary } from '../helpers/reenter.js';

describe('runSimulation re-entered from user strategies and progress callbacks (issue 11 defect 13)', () => {
  it('gives exactly the result it gives without re-entry when every strategy and the progress callback run the library', () => {
    let calls = 0;
    let progress = 0;
    // The built-ins under their own names, each running the library now and then first.
    const strategies: Record<string, BiddingStrategy> = {};
    for (const [name, s] of Object.entries(BUILT_IN_STRATEGIES)) {
      strategies[name] = {
        name: s.name,
        orders(ctx, state) {
          if (calls++ % 40 === 0) reenterLibrary(calls);
          return s.orders(ctx, state);
        },
      };
    }
    const options = { scenario: 'campus', days: 1, seed: 7 } as const;
    const nested = runSimulation({
      ...options,
      strategies,
      onProgress: () => {
        if (progress++ % 16 === 0) reenterLibrary(progress);
      },
    });
    expect(calls).toBeGreaterThan(40);
    expect(progress).toBeGreaterThan(16);
    expect(JSON.stringify(nested)).toBe(JSON.stringify(runSimulation(options)));
  });
});
