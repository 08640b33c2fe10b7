import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/node.js';
import { codeOf } from '../helpers/expect-watt-error.js';

// Found by the research-toolkit review: loadScenarioFile read the scenario file itself with no
// check (its series files had one), so a FIFO blocked the call for ever and /dev/zero read until
// memory ran out. Only a regular file of a bounded size is read now.
describe('regression: loadScenarioFile reads only a regular file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wattmarket-scenario-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a device (/dev/zero) at once with INVALID_SCENARIO', () => {
    expect(codeOf(() => loadScenarioFile('/dev/zero'))).toBe('INVALID_SCENARIO');
    expect(() => loadScenarioFile('/dev/zero')).toThrow(/not a regular file/);
  });

  it('refuses a FIFO at once instead of blocking on it', () => {
    const fifo = join(dir, 'scenario.json');
    execFileSync('mkfifo', [fifo]);
    expect(() => loadScenarioFile(fifo)).toThrow(/INVALID_SCENARIO|not a regular file/);
    expect(codeOf(() => loadScenarioFile(fifo))).toBe('INVALID_SCENARIO');
  });

  it('still reads a scenario file (guard: the refusals are not blanket ones)', () => {
    expect(loadScenarioFile('examples/scenarios/two-homes/scenario.json').participants.length).toBeGreaterThan(0);
  });
});
