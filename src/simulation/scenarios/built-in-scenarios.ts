import { describeValue } from '../../errors/describe-value.js';
import { ErrorCode } from '../../errors/error-codes.js';
import { fail } from '../../errors/watt-error.js';
import type { Scenario } from '../scenario-types.js';
import { campusScenario } from './campus.js';
import { campusHeatScenario } from './campus-heat.js';
import { campusGridScenario } from './campus-grid.js';
import { districtScenario } from './district.js';

/** The built-in scenarios by name; each call builds a fresh copy. */
export const BUILT_IN_SCENARIOS: Readonly<Record<string, () => Scenario>> = Object.freeze({
  campus: campusScenario,
  district: () => districtScenario(),
  'campus-heat': campusHeatScenario,
  'campus-grid': campusGridScenario,
});

/**
 * A built-in scenario by name.
 * @throws WattError UNKNOWN_SCENARIO for an unknown name.
 */
export function scenarioByName(name: string, fn = 'scenarioByName'): Scenario {
  const make = typeof name === 'string' && Object.hasOwn(BUILT_IN_SCENARIOS, name) ? BUILT_IN_SCENARIOS[name] : undefined;
  if (make === undefined) {
    return fail(ErrorCode.UNKNOWN_SCENARIO, fn, `unknown scenario ${describeValue(name)} (built in: ${Object.keys(BUILT_IN_SCENARIOS).join(', ')})`);
  }
  return make();
}
