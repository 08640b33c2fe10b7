import { describe, expect, it } from 'vitest';
import { runSimulation, scenarioByName } from '../../src/index.js';
import type { Scenario } from '../../src/index.js';

// Found while reviewing 42cd83b (feat/perf8), but older than it (39b4faa behaves the same):
// buildResult fills series.batterySoc by assignment (`batterySoc[b.id] = ...`, build-result.ts),
// so a battery whose participant id is '__proto__' (an id the scenario accepts) sets the object's
// prototype instead of adding a key: its states of charge vanish from the result, its JSON and
// the CSV. record-transfer.ts already guards metric and zone names like this one.
describe("review perf8: a battery named '__proto__'", () => {
  it('keeps its own key in series.batterySoc', () => {
    const campus = scenarioByName('campus');
    const battery = campus.participants.find((p) => (p as { battery?: unknown }).battery !== undefined);
    expect(battery).toBeDefined();
    const scenario: Scenario = { ...campus, participants: campus.participants.map((p) => (p === battery ? { ...p, id: '__proto__' } : p)) };
    const r = runSimulation({ scenario, days: 1, seed: 1 });
    expect(Object.hasOwn(r.series.batterySoc, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(r.series.batterySoc)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(r.series.batterySoc))).toHaveProperty(['__proto__']);
  });
});
