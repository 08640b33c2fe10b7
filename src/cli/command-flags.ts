import { parseArgs } from './cli-args.js';

/** A command's flags after the unknown and valueless ones were refused. */
export interface CommandFlags {
  /** The value of `--name`, or undefined when absent. */
  text(name: string): string | undefined;
  /** Whether the bare flag `--name` was given. */
  has(name: string): boolean;
}

/** What every command that writes results takes, the same on `simulate` and `sweep`. */
export interface OutputOptions {
  /** `--json FILE`. */
  readonly json: string | undefined;
  /** `--csv FILE`. */
  readonly csv: string | undefined;
  /** `--report FILE` (HTML). */
  readonly report: string | undefined;
  /** `--quiet`: no summary on standard output. */
  readonly quiet: boolean;
}

/** The output options' names: known to every command that writes results. */
export const OUTPUT_FLAGS = ['json', 'csv', 'report', 'quiet'] as const;

/**
 * Reads `args` for `command`: `valued` options need a value, `booleans` take none. Returns the
 * flags, or the message of the first problem (an unknown option, a stray word, a missing value).
 */
export function readFlags(command: string, args: readonly string[], valued: readonly string[], booleans: readonly string[]): CommandFlags | string {
  const { flags, positional } = parseArgs(args, booleans);
  for (const [name, v] of flags) {
    if (!valued.includes(name) && !booleans.includes(name)) return `wattmarket ${command}: unknown option '--${name}'`;
    if (valued.includes(name) && v === true) return `wattmarket ${command}: --${name} needs a value`;
    if (booleans.includes(name) && v !== true) return `wattmarket ${command}: --${name} takes no value`;
  }
  if (positional.length > 0) return `wattmarket ${command}: unexpected argument '${positional[0] ?? ''}'`;
  return {
    text: (name) => {
      const v = flags.get(name);
      return typeof v === 'string' ? v : undefined;
    },
    has: (name) => flags.get(name) === true,
  };
}

/** The output options of `flags`. */
export function outputOptions(flags: CommandFlags): OutputOptions {
  return { json: flags.text('json'), csv: flags.text('csv'), report: flags.text('report'), quiet: flags.has('quiet') };
}

/** Whether the arguments ask for help (`--help` or `-h` anywhere). */
export function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}
