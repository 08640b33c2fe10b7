import { describe, expect, it } from 'vitest';
import { commandFailure } from '../../src/cli/command-failure.js';
import { runCli, type CliIo } from '../../src/cli/run-cli.js';
import { WattError } from '../../src/index.js';

/**
 * Found after the research-toolkit review: `wattmarket simulate` wrote its outputs outside the
 * try that turns a refusal into a message and exit code 1, so a result the report refused, or an
 * output file that could not be written (a missing folder, no permission), rejected runCli: a stack
 * trace instead of `wattmarket simulate: ...`. `sweep` had the first right but not the second.
 */
function failingIo(): { io: CliIo; err: () => string } {
  let err = '';
  const io: CliIo = {
    out: () => undefined,
    err: (t) => (err += t),
    writeFile: (path) => {
      throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT', syscall: 'open', path });
    },
    interactive: false,
    now: () => 0,
  };
  return { io, err: () => err };
}

describe('regression: a command whose output cannot be written ends with a message and exit code 1', () => {
  it('simulate --json into a missing folder', async () => {
    const { io, err } = failingIo();
    await expect(runCli(['simulate', '--days', '1', '--json', 'no/such/out.json', '--quiet'], io, '0.0.0')).resolves.toBe(1);
    expect(err()).toBe("wattmarket simulate: ENOENT: no such file or directory, open 'no/such/out.json'\n");
  });

  it('sweep --csv into a missing folder', async () => {
    const { io, err } = failingIo();
    await expect(runCli(['sweep', '--days', '1', '--seeds', '1', '--workers', '1', '--csv', 'no/such/s.csv', '--quiet'], io, '0.0.0')).resolves.toBe(1);
    expect(err()).toMatch(/^wattmarket sweep: ENOENT: no such file or directory, open 'no\/such\/s.csv'\n$/);
  });
});

describe('commandFailure', () => {
  it('reports a WattError and a file system error, and nothing else (a defect keeps its stack trace)', () => {
    expect(commandFailure(new WattError('INVALID_SCENARIO', 'x: bad'))).toBe('x: bad (INVALID_SCENARIO)');
    expect(commandFailure(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES', syscall: 'open' }))).toBe('EACCES: permission denied');
    expect(commandFailure(new TypeError('x is undefined'))).toBeUndefined();
    expect(commandFailure(Object.assign(new Error('no syscall'), { code: 'X' }))).toBeUndefined();
    expect(commandFailure('text')).toBeUndefined();
  });
});
