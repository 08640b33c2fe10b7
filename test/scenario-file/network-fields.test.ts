import { describe, expect, it } from 'vitest';
import { ErrorCode, parseScenario, scenarioByName } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

describe('parseScenario: network fields', () => {
  const grid = scenarioByName('campus-grid');
  const json = JSON.stringify(grid);

  it('reads network limits and imbalance netting as the scenario has them', () => {
    const parsed = parseScenario(JSON.stringify({ ...grid, imbalanceNetting: 'zone' }), 'grid.json');
    expect(parsed.network).toEqual(grid.network);
    expect(parsed.imbalanceNetting).toBe('zone');
  });

  it('refuses a misspelt network field, naming it', () => {
    const data = JSON.parse(json) as { network: { links: Record<string, unknown>[]; transformers: Record<string, unknown>[] } };
    data.network.links[1]!['capacityKVA'] = 100;
    expect(expectWattError(() => parseScenario(JSON.stringify(data), 'g.json'), ErrorCode.INVALID_SCENARIO).message).toContain('network.links[1].capacityKVA');
    const other = JSON.parse(json) as { network: Record<string, unknown> };
    other.network['lines'] = [];
    expect(expectWattError(() => parseScenario(JSON.stringify(other), 'g.json'), ErrorCode.INVALID_SCENARIO).message).toContain('network.lines');
  });
});
