import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { campusScenario, ErrorCode, parseScenario, runSimulation } from '../../src/index.js';
import { loadScenarioFile } from '../../src/node.js';
import { runCli, type CliIo } from '../../src/cli/run-cli.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

const dir = mkdtempSync(join(tmpdir(), 'wattmarket-scenario-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const campusJson = JSON.stringify(campusScenario(), null, 2);

describe('parseScenario', () => {
  it('reads a scenario file that runs exactly like the scenario itself', () => {
    const scenario = parseScenario(campusJson, 'campus.json');
    expect(runSimulation({ scenario, days: 1, seed: 1 }).totals).toEqual(runSimulation({ scenario: 'campus', days: 1, seed: 1 }).totals);
  });

  it('refuses an unknown field anywhere, naming the file and the field', () => {
    const data = JSON.parse(campusJson) as { participants: Record<string, unknown>[]; tariff: Record<string, unknown> };
    (data.participants[3]!['pv'] as Record<string, unknown>)['capasityKWp'] = 5;
    const e = expectWattError(() => parseScenario(JSON.stringify(data), 'mine.json'), ErrorCode.INVALID_SCENARIO, { fnName: 'parseScenario' });
    expect(e.message).toContain('mine.json: unknown field participants[3].pv.capasityKWp');
    const top = expectWattError(() => parseScenario(JSON.stringify({ ...JSON.parse(campusJson), series: [] }), 'f.json'), ErrorCode.INVALID_SCENARIO);
    expect(top.message).toContain('unknown field series');
  });

  it('regression: reads measured series instead of refusing them, and still refuses an unknown field beside one', () => {
    const data = JSON.parse(campusJson) as { participants: Record<string, unknown>[] };
    data.participants[0]!['load'] = { series: [1, 2] };
    expect(parseScenario(JSON.stringify(data), 's.json').participants[0]!.load).toEqual({ series: [1, 2] });
    data.participants[0]!['load'] = { series: [1, 2], kind: 'lecture' };
    const e = expectWattError(() => parseScenario(JSON.stringify(data), 's.json'), ErrorCode.INVALID_SCENARIO);
    expect(e.message).toContain('s.json: unknown field participants[0].load.kind (known here: series, source)');
  });

  it('names the line of a JSON syntax error, and refuses bad values with the simulation\'s message', () => {
    const broken = campusJson.replace('"startDate"', '"startDate" oops');
    const e = expectWattError(() => parseScenario(broken, 'b.json'), ErrorCode.INVALID_SCENARIO);
    const line = campusJson.slice(0, campusJson.indexOf('"startDate"')).split('\n').length;
    expect(e.message).toContain(`b.json line ${line}: not valid JSON`);
    const bad = expectWattError(() => parseScenario(campusJson.replace('"startDate": "', '"startDate": "x'), 'v.json'), ErrorCode.INVALID_SCENARIO);
    expect(bad.message).toMatch(/^parseScenario: v\.json: runSimulation: .*startDate/);
    expectWattError(() => parseScenario('[]', 'a.json'), ErrorCode.INVALID_SCENARIO);
  });

  it('loads from disk, and a missing file is INVALID_SCENARIO naming it', () => {
    const file = join(dir, 'campus.json');
    writeFileSync(file, campusJson);
    expect(loadScenarioFile(file)).toEqual(JSON.parse(campusJson));
    const e = expectWattError(() => loadScenarioFile(join(dir, 'missing.json')), ErrorCode.INVALID_SCENARIO, { fnName: 'loadScenarioFile' });
    expect(e.message).toContain('missing.json: cannot read the file (ENOENT)');
  });

  it('lets simulate and sweep take --scenario FILE.json, refusing a bad one with exit 1', async () => {
    const file = join(dir, 'mine.json');
    writeFileSync(file, campusJson.replace('"name": "campus"', '"name": "mine"'));
    let out = '';
    let err = '';
    const io: CliIo = { out: (t) => (out += t), err: (t) => (err += t), writeFile: () => undefined, interactive: false, now: () => 0 };
    expect(await runCli(['simulate', '--scenario', file, '--days', '1'], io, '0')).toBe(0);
    expect(out).toContain('mine: 1 day(s)');
    expect(await runCli(['sweep', '--scenario', `campus,${file}`, '--days', '1', '--seeds', '1', '--workers', '1'], io, '0')).toBe(0);
    expect(out).toContain('mine base uniform');
    expect(await runCli(['simulate', '--scenario', join(dir, 'nope.json'), '--days', '1'], io, '0')).toBe(1);
    expect(err).toContain('nope.json: cannot read the file');
  });
});
