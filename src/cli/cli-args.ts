/** Parsed command-line flags: `--name value`, `--name=value` and bare `--flag` (true). */
export interface ParsedArgs {
  readonly flags: ReadonlyMap<string, string | true>;
  readonly positional: readonly string[];
}

/** Splits arguments into flags and positional words. */
export function parseArgs(args: readonly string[], booleans: readonly string[]): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0) {
      flags.set(a.slice(2, eq), a.slice(eq + 1));
    } else if (booleans.includes(a.slice(2))) {
      flags.set(a.slice(2), true);
    } else {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) flags.set(a.slice(2), true);
      else {
        flags.set(a.slice(2), value);
        i++;
      }
    }
  }
  return { flags, positional };
}
