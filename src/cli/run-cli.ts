/** Where the command line writes: injected so tests capture it and the core never touches process. */
export interface CliIo {
  /** Writes to standard output. */
  out(text: string): void;
  /** Writes to standard error. */
  err(text: string): void;
}

const USAGE = `Usage: wattmarket <command> [options]

Commands:
  help       Show this help.
  version    Print the version.
`;

/**
 * Runs the `wattmarket` command line with `args` (without the node and script paths) and returns
 * the process exit code: 0 on success, 2 on a usage error.
 */
export function runCli(args: readonly string[], io: CliIo, version: string): number {
  const [command] = args;
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
    default:
      io.err(`wattmarket: unknown command '${command}'\n\n${USAGE}`);
      return 2;
  }
}
