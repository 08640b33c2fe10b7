import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCode, parseScenario, runSimulation, scenarioFromData, type MeasuredSeries, type PriceSeries, type Scenario } from '../../src/index.js';
import { loadScenarioFile } from '../../src/node.js';
import { runCli, type CliIo } from '../../src/cli/run-cli.js';
import { readSeriesCsv } from '../../src/scenario-file/read-series-csv.js';
import { expectWattError } from '../helpers/expect-watt-error.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/scenarios/two-homes/scenario.json');
const dir = mkdtempSync(join(tmpdir(), 'wattmarket-series-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const base = {
  name: 'pair',
  description: 'test',
  location: { latitude: 10.85, longitude: 106.77, utcOffsetMinutes: 420 },
  startDate: '2026-03-02',
  currency: { code: 'VND', step: '1' },
  tariff: { retailPrice: 2204, feedInPrice: 671 },
};
const json = (participants: unknown[], extra: Record<string, unknown> = {}): string => JSON.stringify({ ...base, ...extra, participants });
const day = (v: string): string => `${Array<string>(96).fill(v).join('\n')}\n`;

describe('readSeriesCsv', () => {
  const read = (text: string, columns = ['kW']): readonly string[] => readSeriesCsv(text, 'f.csv', 'fn', columns).values;
  const bad = (text: string, message: string): void => {
    expect(expectWattError(() => readSeriesCsv(text, 'f.csv', 'fn', ['kW']), ErrorCode.INVALID_SCENARIO).message).toContain(message);
  };

  it('reads the column kW, or the only column, with or without a header, keeping the text exactly', () => {
    expect(read('time,kW\n00:00,1.5\n00:15,0.123456789012345678901\n')).toEqual(['1.5', '0.123456789012345678901']);
    expect(read('\uFEFFKW;x\r\n1\r\n2\r\n'.replace(';x', ''))).toEqual(['1', '2']);
    expect(read('load\n1\n2')).toEqual(['1', '2']);
    expect(read('1\n 2 \n3e-1\n\n')).toEqual(['1', '2', '3e-1']);
    expect(read('"time","kW"\n"a, b",  "1.25" \n')).toEqual(['1.25']);
    expect(readSeriesCsv('a,b\n1,2\n3,4\n', 'f', 'fn', ['b']).lines).toEqual([2, 3]);
    expect(read('time,retailPrice,feedInPrice\nx,1800,671\n', ['feedInPrice', 'price'])).toEqual(['671']);
  });

  it('refuses, naming the file and line: no column, empty lines, missing cells, no values, bad quotes', () => {
    bad('time,power\n0,1\n', 'f.csv line 1: no column kW among "time", "power"');
    bad('1,2\n3,4\n', 'f.csv line 1: 2 columns and no header row naming the column kW');
    bad('kW\n1\n\n2\n', 'f.csv line 3: empty line');
    bad('time,kW\na,1\nb\n', 'f.csv line 3: no value in column 2');
    bad('time,kW\na,\n', 'f.csv line 2: no value in column 2');
    bad('', 'f.csv: the file has no values');
    bad('kW\n', 'f.csv: the file has a header and no values');
    bad('kW\n"1\n', 'f.csv line 2: a quoted cell is not closed');
    bad('kW\n"1"x\n', 'f.csv line 2: text after a quoted cell');
  });

  // Regression (review): a bad first value of a one-column file passed for a header, and the
  // series silently moved one interval earlier.
  it('never takes a missing-value marker, a dash or an empty first line for a header', () => {
    // Kept as line 1's value, which the value check then refuses with its line.
    for (const first of ['NA', 'n/a', 'NaN', 'null', '-', '*']) {
      const csv = readSeriesCsv(`${first}\n1\n2\n`, 'f.csv', 'fn', ['kW']);
      expect(csv.values).toEqual([first, '1', '2']);
      expect(csv.lines).toEqual([1, 2, 3]);
    }
    const e = expectWattError(() => parseScenario(json([{ id: 'h', type: 'home', load: { series: 'na.csv' } }]), 's.json', { 'na.csv': `NA\n${day('1')}` }), ErrorCode.INVALID_SCENARIO);
    expect(e.message).toContain('na.csv line 1');
    bad('\n1\n2\n', 'f.csv line 1: empty line');
  });

  it('quotes at most a short piece of a cell in its messages', () => {
    bad(`${'s'.repeat(200)},other\n1,2\n`, `no column kW among "${'s'.repeat(24)}...", "other"`);
  });
});

describe('parseScenario with series files', () => {
  const files = { 'h.csv': `kW\n${day('0.5')}`, 'p.csv': day('1.25'), 'tariff.csv': `retailPrice,feedInPrice\n${Array<string>(96).fill('1800,671').join('\n')}` };

  it('replaces a file\'s path by its values and names it as the source; inline series stay as written', () => {
    const s = parseScenario(json([{ id: 'h', type: 'home', load: { series: 'h.csv' }, pv: { series: [0, 1.5, 2.25] } }], { tariff: { retailPrice: { series: 'tariff.csv' }, feedInPrice: { series: 'tariff.csv' } } }), 's.json', files);
    const load = s.participants[0]!.load as MeasuredSeries;
    expect(load.source).toBe('h.csv');
    expect(load.series).toHaveLength(96);
    expect(load.series[0]).toBe('0.5');
    expect(s.participants[0]!.pv).toEqual({ series: [0, 1.5, 2.25] });
    expect((s.tariff.retailPrice as PriceSeries).series[0]).toBe('1800');
    expect((s.tariff.feedInPrice as PriceSeries).series[0]).toBe('671');
  });

  it('reads files through a function too, once per file, and never changes the data given', () => {
    const data = JSON.parse(json([{ id: 'a', type: 'home', load: { series: 'h.csv' } }, { id: 'b', type: 'home', load: { series: 'h.csv' } }])) as Record<string, unknown>;
    const before = JSON.stringify(data);
    const asked: string[] = [];
    const s = scenarioFromData(data, 'study', (p) => {
      asked.push(p);
      return files[p as keyof typeof files];
    });
    expect(asked).toEqual(['h.csv']);
    expect(JSON.stringify(data)).toBe(before);
    expect((s.participants[1]!.load as MeasuredSeries).series).toHaveLength(96);
    expect(runSimulation({ scenario: s, days: 1, seed: 1 }).totals.consumptionKWh).toBe(24);
  });

  const refused = (text: string, message: string, given: Parameters<typeof parseScenario>[2] = files): void => {
    const e = expectWattError(() => parseScenario(text, 's.json', given), ErrorCode.INVALID_SCENARIO, { fnName: 'parseScenario' });
    expect(e.message).toContain(message);
  };

  it('refuses a bad CSV value naming the scenario file, the field, the CSV file and the line', () => {
    const one = (csv: string): string => json([{ id: 'h', type: 'home', load: { series: csv } }]);
    refused(one('neg.csv'), 's.json: participants[0].load.series (neg.csv line 3) must not be negative; got -0.5', { 'neg.csv': 'kW\n1\n-0.5\n' });
    refused(one('nan.csv'), 'participants[0].load.series (nan.csv line 2) must be a finite number (kW); got "NaN"', { 'nan.csv': '1\nNaN\n' });
    refused(one('inf.csv'), '(inf.csv line 1) must be a finite number (kW); got "Infinity"', { 'inf.csv': 'Infinity\n' });
    refused(one('txt.csv'), '(txt.csv line 3) must be a finite number (kW); got "n/a"', { 'txt.csv': 'time,kW\n0,1\n1,n/a\n' });
    refused(one('cols.csv'), 's.json: participants[0].load.series: cols.csv line 1: no column kW', { 'cols.csv': 'a,b\nx,1\n' });
    refused(json([{ id: 'h', type: 'home', load: { kind: 'home', peakKW: 1 } }], { tariff: { retailPrice: { series: 'r.csv' }, feedInPrice: 671 } }), 's.json: tariff.retailPrice.series (r.csv line 3) "1800.5" is not a multiple of the price tick 1', { 'r.csv': 'price\n1800\n1800.5\n' });
  });

  it('refuses a missing file, naming it and the field', () => {
    refused(json([{ id: 'h', type: 'home', load: { series: 'gone.csv' } }]), 's.json: participants[0].load.series: the file gone.csv is not among the files given');
    const none = expectWattError(() => parseScenario(json([{ id: 'h', type: 'home', load: { series: 'gone.csv' } }]), 's.json'), ErrorCode.INVALID_SCENARIO);
    expect(none.message).toContain('s.json: participants[0].load.series names the file gone.csv, but no files were given');
    refused(json([{ id: 'h', type: 'home', pv: { series: 'gone.csv' } }]), 'participants[0].pv.series: cannot read the file gone.csv (ENOENT)', () => {
      throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    });
  });

  it('regression: refuses an unknown field anywhere, also in and beside a series', () => {
    refused(json([{ id: 'h', type: 'home', load: { series: [1], unit: 'kW' } }]), 's.json: unknown field participants[0].load.unit (known here: series, source)');
    refused(json([{ id: 'h', type: 'home', load: { kind: 'home', peakKW: 1, series: [1] } }]), 'unknown field participants[0].load.kind');
    refused(json([{ id: 'h', type: 'home', load: { kind: 'home', peakKW: 1, seris: [1] } }]), 'unknown field participants[0].load.seris');
    refused(json([{ id: 'h', type: 'home', load: { kind: 'home', peakKW: 1 } }], { tariff: { retailPrice: { series: [1], note: 'x' }, feedInPrice: 0 } }), 'unknown field tariff.retailPrice.note');
    refused(json([{ id: 'h', type: 'home', load: { kind: 'home', peakKW: 1 } }], { series: [] }), 'unknown field series');
  });

  it('reads inline numbers exactly as written, and refuses (with its line) one a double cannot hold', () => {
    const text = JSON.stringify({ ...base, participants: [{ id: 'h', type: 'home', load: { series: [0.1, 0.30000000000000004, 1e-7, -0, 1.5, 2] } }] }, null, 2);
    expect((parseScenario(text, 's.json').participants[0]!.load as MeasuredSeries).series).toEqual([0.1, 0.30000000000000004, 1e-7, 0, 1.5, 2]);
    const long = text.replace('0.30000000000000004', '0.12345678901234567890');
    const line = long.slice(0, long.indexOf('0.1234')).split('\n').length;
    refused(long, `s.json line ${line}: the number 0.12345678901234567890 cannot be read exactly (JSON numbers are doubles: it would be 0.12345678901234568)`);
    refused(text.replace('1.5', '1e400'), 'the number 1e400 cannot be read exactly');
    // Inside a string, digits are text: the field is what is refused here.
    refused(text.replace('"startDate"', '"note": "1.23456789012345678901", "startDate"'), 'unknown field note');
    expect(parseScenario(text.replace('1.5', '"1.23456789012345678901"'), 's.json').participants[0]!.load).toBeDefined();
  });

  it('refuses bad inline values with the simulation\'s message, naming the participant and index', () => {
    refused(json([{ id: 'h', type: 'home', load: { series: [1, -2] } }]), "participant 'h': load.series[1] must not be negative; got -2");
    refused(json([{ id: 'h', type: 'home', pv: { series: [1, null] } }]), "participant 'h': pv.series[1] must be a finite number (kW); got null");
    refused(json([{ id: 'h', type: 'home', pv: { series: 42 } }]), "participant 'h': pv.series must be an array");
  });
});

describe('loadScenarioFile with series files', () => {
  it('reads CSV files from beside the scenario file, and names a missing one', () => {
    const sub = join(dir, 'study');
    mkdirSync(join(sub, 'data'), { recursive: true });
    writeFileSync(join(sub, 'data', 'h.csv'), `time,kW\n${day('x,2').replace(/^x,/gm, '0,')}`);
    writeFileSync(join(sub, 's.json'), json([{ id: 'h', type: 'home', load: { series: 'data/h.csv' } }]));
    const s = loadScenarioFile(join(sub, 's.json'));
    expect((s.participants[0]!.load as MeasuredSeries).series[95]).toBe('2');
    writeFileSync(join(sub, 'bad.json'), json([{ id: 'h', type: 'home', load: { series: 'data/none.csv' } }]));
    const e = expectWattError(() => loadScenarioFile(join(sub, 'bad.json')), ErrorCode.INVALID_SCENARIO);
    expect(e.message).toContain('bad.json: participants[0].load.series: cannot read the file data/none.csv (ENOENT)');
  });

  // Regression (review): a series path could name a directory or a device and be read whole.
  it('refuses a series path that is not a regular file', () => {
    const sub = join(dir, 'study-dir');
    mkdirSync(join(sub, 'data.csv'), { recursive: true });
    writeFileSync(join(sub, 's.json'), json([{ id: 'h', type: 'home', load: { series: 'data.csv' } }]));
    const e = expectWattError(() => loadScenarioFile(join(sub, 's.json')), ErrorCode.INVALID_SCENARIO);
    expect(e.message).toContain('participants[0].load.series: cannot read the file data.csv (not a regular file)');
  });

  // Regression (review): a scenario file could name any file the process can read (an absolute
  // path, or `..` out of its folder), and the refusal quoted its first cells.
  it('refuses a series path outside the scenario folder, and reads one below it', () => {
    const sub = join(dir, 'study-confined');
    mkdirSync(join(sub, 'data', 'deep'), { recursive: true });
    writeFileSync(join(dir, 'secret.csv'), day('7'));
    writeFileSync(join(sub, 'data', 'deep', 'h.csv'), day('3'));
    const refused = (series: string, why: string): void => {
      writeFileSync(join(sub, 'out.json'), json([{ id: 'h', type: 'home', load: { series } }]));
      const e = expectWattError(() => loadScenarioFile(join(sub, 'out.json')), ErrorCode.INVALID_SCENARIO);
      expect(e.message).toContain(`participants[0].load.series: cannot read the file ${series} (${why})`);
    };
    refused('../secret.csv', "outside the scenario's folder");
    refused('data/../../secret.csv', "outside the scenario's folder");
    refused('.', "outside the scenario's folder");
    refused(join(dir, 'secret.csv'), "an absolute path: a series file is named relative to the scenario's folder");
    writeFileSync(join(sub, 'in.json'), json([{ id: 'h', type: 'home', load: { series: 'data/deep/../deep/h.csv' } }]));
    expect((loadScenarioFile(join(sub, 'in.json')).participants[0]!.load as MeasuredSeries).series[0]).toBe('3');
    // A name that merely starts with two dots is a file in the folder, not a way out of it.
    writeFileSync(join(sub, '..h.csv'), day('4'));
    writeFileSync(join(sub, 'dots.json'), json([{ id: 'h', type: 'home', load: { series: '..h.csv' } }]));
    expect((loadScenarioFile(join(sub, 'dots.json')).participants[0]!.load as MeasuredSeries).series[0]).toBe('4');
  });

  it('loads the example, which runs for its two days and refuses a third', () => {
    const s: Scenario = loadScenarioFile(EXAMPLE);
    expect(runSimulation({ scenario: s, days: 2, seed: 1 }).participants).toHaveLength(2);
    const e = expectWattError(() => runSimulation({ scenario: s, days: 3, seed: 1 }), ErrorCode.INVALID_SCENARIO);
    expect(e.message).toContain('(tariff.csv) has 192 prices, but the run has 288 intervals');
  });
});

describe('examples/measured-data.ts', () => {
  it('runs and prints what its header says', () => {
    const example = join(import.meta.dirname, '../../examples/measured-data.ts');
    const out = execFileSync(process.execPath, ['--import', 'tsx', example], { encoding: 'utf8' });
    const promised = readFileSync(example, 'utf8').split('\n').filter((l) => l.startsWith('//   ')).map((l) => l.slice(5));
    expect(out.trimEnd().split('\n')).toEqual(promised);
  }, 60_000);
});

describe('the CLI with series files', () => {
  const cli = (): { io: CliIo; out: () => string; err: () => string; files: Map<string, string> } => {
    let out = '';
    let err = '';
    const files = new Map<string, string>();
    return {
      io: { out: (t) => (out += t), err: (t) => (err += t), writeFile: (p, t) => void files.set(p, t), interactive: false, now: () => 0 },
      out: () => out,
      err: () => err,
      files,
    };
  };

  it('simulate and sweep (on worker threads) run a scenario with series, with the same totals', async () => {
    const a = cli();
    expect(await runCli(['simulate', '--scenario', EXAMPLE, '--days', '2', '--seed', '4', '--json', 'sim.json', '--quiet'], a.io, '0')).toBe(0);
    const sim = JSON.parse(a.files.get('sim.json') as string) as { totals: Record<string, number> };
    expect(sim.totals).toEqual(runSimulation({ scenario: loadScenarioFile(EXAMPLE), days: 2, seed: 4 }).totals);
    const b = cli();
    // In the temporary folder: the sweep keeps its finished runs in FILE.partial meanwhile.
    const out = join(dir, 'sweep.json');
    expect(await runCli(['sweep', '--scenario', EXAMPLE, '--days', '2', '--seeds', '4,5', '--mechanism', 'uniform,huang', '--workers', '2', '--json', out, '--quiet'], b.io, '0')).toBe(0);
    const sweep = JSON.parse(b.files.get(out) as string) as { runs: { mechanism: string; seed: number; totals: Record<string, number> }[] };
    expect(sweep.runs).toHaveLength(4);
    expect(sweep.runs.find((r) => r.mechanism === 'uniform' && r.seed === 4)?.totals).toEqual(sim.totals);
  });

  it('refuses a run longer than the series, and a bad series file, with exit 1 and the file named', async () => {
    const a = cli();
    expect(await runCli(['simulate', '--scenario', EXAMPLE, '--days', '3'], a.io, '0')).toBe(1);
    expect(a.err()).toContain('tariff.retailPrice.series (tariff.csv) has 192 prices');
    const b = cli();
    expect(await runCli(['sweep', '--scenario', EXAMPLE, '--days', '3', '--seeds', '1', '--workers', '1'], b.io, '0')).toBe(1);
    expect(b.err()).toContain('(tariff.csv) has 192 prices');
    const file = join(dir, 'neg.json');
    writeFileSync(join(dir, 'neg.csv'), 'kW\n1\n-1\n');
    // The example's own CSV files beside the copy (series paths stay within the scenario's folder).
    for (const f of readdirSync(dirname(EXAMPLE)).filter((name) => name.endsWith('.csv'))) copyFileSync(join(dirname(EXAMPLE), f), join(dir, f));
    writeFileSync(file, readFileSync(EXAMPLE, 'utf8').replace('"house-2-load.csv"', '"neg.csv"'));
    const c = cli();
    expect(await runCli(['simulate', '--scenario', file, '--days', '1'], c.io, '0')).toBe(1);
    expect(c.err()).toContain('participants[1].load.series (neg.csv line 3) must not be negative');
  });
});
