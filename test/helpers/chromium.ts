import { existsSync } from 'node:fs';

/** Debian's Chromium (`apt-get install -y chromium`; scripts/install-test-services.sh installs it as root). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * The flags every browser suite starts Chromium with: headless, no sandbox (CI runs as root), no
 * GPU and no network of its own, and a fresh profile in `profileDir`.
 */
export function chromiumFlags(profileDir: string): string[] {
  return [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    `--user-data-dir=${profileDir}`,
  ];
}

/**
 * Whether a suite that needs Chromium can run. Without it the suite fails under CI (`CI` set: CI
 * installs it, so its absence is a broken set-up) and otherwise is skipped LOUDLY: this prints
 * which suite is skipped, so a run without Chromium never looks like a pass.
 * @throws Error when Chromium is missing and `process.env.CI` is set.
 */
export function chromiumAvailable(suite: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env['CI'] !== undefined && process.env['CI'] !== '') {
    throw new Error(`${suite}: ${CHROMIUM} is missing under CI (scripts/install-test-services.sh installs it as root)`);
  }
  console.warn(
    `\n${'#'.repeat(80)}\n# SKIPPED: ${suite}\n# ${CHROMIUM} is missing: install Debian's chromium (scripts/install-test-services.sh as root).\n${'#'.repeat(80)}\n`,
  );
  return false;
}
