import type { AuctionMechanism } from '../auction/mechanism.js';
import type { MechanismName } from '../market/market-types.js';
import { resolveScenario } from '../simulation/resolve-scenario.js';
import { couplesZones } from '../simulation/day-market.js';
import type { Scenario } from '../simulation/scenario-types.js';
import { scenarioByName } from '../simulation/scenarios/built-in-scenarios.js';
import { deriveScenario, scaleScenario } from './derive-scenario.js';
import type { ClearingMode, SweepRunSpec } from './sweep-types.js';

/**
 * The scenario a sweep run simulates: the named or given scenario, scaled by its variant, with its
 * strategy and clearing applied, each step a {@link deriveScenario} (the base stays untouched).
 * With the variant `base`, strategy `'default'` and clearing `'as-able'` it is the scenario itself,
 * so the run equals `runSimulation` on it.
 */
export function runScenario(spec: Pick<SweepRunSpec, 'scenario' | 'scale' | 'strategy' | 'clearing'>): Scenario {
  let s = typeof spec.scenario === 'string' ? scenarioByName(spec.scenario, 'runSweep') : spec.scenario;
  if (spec.scale !== undefined) s = scaleScenario(s, spec.scale);
  if (spec.strategy !== 'default') {
    const strategy = spec.strategy;
    // Only the participants the default would give 'truthful' (no storage, no EV) change.
    s = deriveScenario(s, (d) => {
      for (const p of d.participants) {
        if (p.agent === undefined && p.ev === undefined && p.battery === undefined && p.swapStation === undefined) p.agent = strategy;
      }
    });
  }
  if (spec.clearing === 'per-feeder' && s.tariff.crossZoneFeePerKWh !== undefined) {
    // Without a cross-zone fee zones do not trade with each other: every zone clears apart.
    s = deriveScenario(s, (d) => {
      delete d.tariff.crossZoneFeePerKWh;
    });
  }
  return s;
}

/** How a run of `scenario` under `mechanism` clears its zones (see {@link ClearingMode}). */
export function clearingMode(scenario: Scenario, mechanism: MechanismName | AuctionMechanism): ClearingMode {
  const resolved = resolveScenario(scenario, {});
  if (resolved.zones.length < 2) return 'single-zone';
  return couplesZones(resolved, mechanism) ? 'joint' : 'per-feeder';
}
