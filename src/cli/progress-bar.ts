import type { CliIo } from './run-cli.js';

const WIDTH = 30;
/** Runs shorter than this draw no bar at all. */
const QUIET_MS = 2000;

/** A progress bar on standard error, drawn only on a terminal and only for runs longer than a few seconds. */
export class ProgressBar {
  private readonly started: number;
  private drawn = false;
  private lastDraw = 0;

  constructor(
    private readonly io: CliIo,
    private readonly label: string,
  ) {
    this.started = io.now();
  }

  /** Reports progress; redraws at most ten times a second. */
  update(done: number, total: number): void {
    if (!this.io.interactive) return;
    const now = this.io.now();
    if (now - this.started < QUIET_MS || (now - this.lastDraw < 100 && done < total)) return;
    this.lastDraw = now;
    this.drawn = true;
    const share = total === 0 ? 1 : done / total;
    const filled = Math.round(share * WIDTH);
    const elapsed = (now - this.started) / 1000;
    const eta = share > 0 ? (elapsed / share) * (1 - share) : 0;
    this.io.err(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${elapsed.toFixed(0)}s elapsed, ${eta.toFixed(0)}s left `);
  }

  /** Ends the bar's line, if one was drawn. */
  done(): void {
    if (this.drawn) this.io.err('\n');
  }
}
