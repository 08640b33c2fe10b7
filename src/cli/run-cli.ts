import { simulateCommand } from './simulate-command.js';
import { sweepCommand, type SweepHost } from './sweep-command.js';
import { workerCommand, type WorkerHost } from './worker-command.js';

/** What the command line reads and writes: injected so tests capture it and the core never touches process. */
export interface CliIo extends SweepHost, WorkerHost {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
  /** Writes a file (UTF-8), replacing it. */
  writeFile(path: string, text: string): void;
  /** Whether standard error is a terminal (the progress bar is drawn only there). */
  readonly interactive: boolean;
  /** A monotonic time in ms, for the progress bar. */
  now(): number;
}

const USAGE = `Usage: wattmarket <command> [options]

Commands:
  simulate   Run a scenario and report energy flows, local trading and savings.
  sweep      Run every combination of scenarios, mechanisms, strategies, k, variants and seeds,
             with statistics over seeds (here on all cores, or on many machines with --queue).
  worker     Run sweeps' runs from a queue (wattmarket worker --queue redis://HOST:PORT).
  help       Show this help.
  version    Print the version.

\`wattmarket <command> --help\` shows a command's options.
`;

/**
 * Runs the `wattmarket` command line with `args` (without the node and script paths) and resolves
 * to the process exit code: 0 on success (and for --help), 1 when a run fails, 2 on a usage error.
 */
export async function runCli(args: readonly string[], io: CliIo, version: string): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return 0;
    case 'version':
    case '--version':
    case '-v':
      io.out(`${version}\n`);
      return 0;
    case 'simulate':
      return simulateCommand(rest, io);
    case 'sweep':
      return sweepCommand(rest, io);
    case 'worker':
      return workerCommand(rest, io);
    default:
      io.err(`wattmarket: unknown command '${command}'\n\n${USAGE}`);
      return 2;
  }
}
