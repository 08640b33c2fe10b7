import { describe, expect, it } from 'vitest';
import { ErrorCode, renderReport, runSimulation } from '../../src/index.js';
import type { SimulationResult } from '../../src/index.js';
import { expectWattError } from '../helpers/expect-watt-error.js';
import { buildResult } from './fixtures.js';
import { coordinateProblems, svgBlocks, wellFormedProblems } from './html-check.js';

describe('renderReport: network section', () => {
  const grid = runSimulation({ scenario: 'campus-grid', days: 1, seed: 1 });

  it('shows link flows, congestion hours and transformer limits for a run with network limits', () => {
    const html = renderReport(grid);
    expect(wellFormedProblems(html)).toEqual([]);
    expect(html).toContain('<section id="network"><h2>Network</h2>');
    expect(html).toContain('mobility \u2192 academic');
    expect(html).toContain('Transformers (limits per interval; hours at each limit)');
    expect(html).toContain('PV curtailed at transformer limits');
    const chart = svgBlocks(html).find((b) => b.id === 'chart-network-hours');
    expect(chart).toBeDefined();
    expect(coordinateProblems(chart!)).toEqual([]);
    // One bar per link and per transformer limit.
    const bars = grid.network!.links.length + grid.network!.transformers.reduce((a, t) => a + (t.importLimitKWh === null ? 0 : 1) + (t.exportLimitKWh === null ? 0 : 1), 0);
    expect(chart!.markup.match(/<rect /g)?.length).toBe(bars);
    expect(html).not.toMatch(/NaN|Infinity|undefined|https?:\/\//);
  });

  it('renders the same from the JSON the command line writes', () => {
    expect(renderReport(JSON.parse(JSON.stringify(grid)) as SimulationResult)).toBe(renderReport(grid));
  });

  it('has no network section without network limits', () => {
    expect(renderReport(buildResult({ days: 1, participants: 5 }))).not.toContain('id="network"');
  });

  it('refuses a malformed network figure, naming it', () => {
    const bad = JSON.parse(JSON.stringify(grid)) as { network: { links: Record<string, unknown>[] } };
    bad.network.links[0]!['congestionHours'] = 'many';
    const e = expectWattError(() => renderReport(bad as unknown as SimulationResult), ErrorCode.INVALID_ARGUMENT, { fnName: 'renderReport' });
    expect(e.message).toContain('result.network.links[0].congestionHours');
  });
});
