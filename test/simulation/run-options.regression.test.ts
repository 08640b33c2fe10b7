import { describe, expect, it } from 'vitest';
import { runSimulation, type SimulationOptions } from '../../src/index.js';
import { codeOf } from '../helpers/expect-watt-error.js';

/**
 * Found by the research-toolkit review: runSimulation ignored unknown option keys, against the
 * library's own rule (checkKnownKeys in src/validation/checks.ts), so `{ mechansim: 'huang' }` ran
 * the default uniform auction and returned it as the study's result; and an onProgress that is not
 * a function failed with a TypeError after the first interval's work.
 */
describe('regression: runSimulation options are checked before any work', () => {
  it('refuses a misspelt option with INVALID_OPTION instead of running the default', () => {
    expect(codeOf(() => runSimulation({ scenario: 'campus', days: 1, seed: 1, mechansim: 'huang' } as unknown as SimulationOptions))).toBe('INVALID_OPTION');
  });

  it('refuses an onProgress that is not a function, before the run', () => {
    expect(codeOf(() => runSimulation({ scenario: 'campus', days: 1, seed: 1, onProgress: 'log' } as unknown as SimulationOptions))).toBe('INVALID_OPTION');
  });

  it('refuses options that are not an object with INVALID_ARGUMENT (not a TypeError)', () => {
    expect(codeOf(() => runSimulation(null as unknown as SimulationOptions))).toBe('INVALID_ARGUMENT');
  });
});
