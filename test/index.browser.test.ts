import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, chromiumAvailable, chromiumFlags } from './helpers/chromium.js';
import { coreFigures } from './helpers/core-figures.js';

const SUITE = 'the core in headless Chromium (test/index.browser.test.ts)';
/** Time the page has to bundle-load and run (a one-day campus simulation takes a few seconds). */
const PAGE_TIMEOUT_MS = 90_000;

/**
 * The core as a web page gets it: src/index.ts (what tsup builds into dist/index.js) bundled by
 * esbuild for platform 'browser' with no alias, shim or external, so a `node:` import anywhere
 * the core reaches fails here. The page computes {@link coreFigures} and posts them back.
 */
async function pageScript(): Promise<string> {
  const entry = `
    import { coreFigures } from ${JSON.stringify(join(import.meta.dirname, 'helpers/core-figures.ts'))};
    const send = (path, body) => fetch(path, { method: 'POST', body });
    try { send('/result', JSON.stringify(coreFigures())); }
    catch (e) { send('/error', String(e && e.stack || e)); }`;
  const out = await build({
    stdin: { contents: entry, resolveDir: import.meta.dirname, loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}

/** Serves the page on a free 127.0.0.1 port and resolves with what the page posts back. */
function servePage(script: string): { server: Server; ready: Promise<string>; result: Promise<string> } {
  let settle: { resolve: (s: string) => void; reject: (e: Error) => void } | undefined;
  const result = new Promise<string>((resolve, reject) => (settle = { resolve, reject }));
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      // A script that fails to load or parse reports itself instead of leaving the test to time out.
      res.end(
        '<!doctype html><meta charset="utf-8"><title>wattmarket core</title>' +
          "<script>addEventListener('error', (e) => fetch('/error', { method: 'POST', body: String(e.message || e.type) }), true)</script>" +
          '<script type="module" src="/core.js"></script>',
      );
    } else if (req.method === 'GET' && req.url === '/core.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      res.end(script);
    } else if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.end();
        const body = Buffer.concat(chunks).toString('utf8');
        if (req.url === '/result') settle?.resolve(body);
        else settle?.reject(new Error(`the page failed: ${body}`));
      });
    } else {
      res.writeHead(404).end();
    }
  });
  const ready = new Promise<string>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`));
  });
  return { server, ready, result };
}

/** Kills Chromium and every process it started (it runs as the leader of its own group). */
function killGroup(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

describe.skipIf(!chromiumAvailable(SUITE))('wattmarket (the core) in headless Chromium', () => {
  it('bundles for the browser with no shim and gives the same order book, auction and simulation figures as Node', async () => {
    const script = await pageScript();
    const page = servePage(script);
    const profile = mkdtempSync(join(tmpdir(), 'wattmarket-chromium-'));
    let chromium: ChildProcess | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      const url = await page.ready;
      chromium = spawn(CHROMIUM, [...chromiumFlags(profile), url], { detached: true, stdio: 'ignore' });
      const exited = new Promise<never>((_, reject) => {
        chromium?.once('exit', (code, signal) => reject(new Error(`chromium exited (${String(code ?? signal)}) before the page posted its figures`)));
        chromium?.once('error', reject);
      });
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no figures from the page within ${PAGE_TIMEOUT_MS} ms`)), PAGE_TIMEOUT_MS);
      });
      const posted = await Promise.race([page.result, exited, timeout]);
      const inBrowser = JSON.parse(posted) as ReturnType<typeof coreFigures>;
      const inNode = coreFigures();
      expect(inBrowser.book).toEqual(inNode.book);
      expect(inBrowser.auctions).toEqual(inNode.auctions);
      // The whole one-day campus result, series included, character for character.
      expect(inBrowser.simulation.length).toBe(inNode.simulation.length);
      expect(inBrowser.simulation).toBe(inNode.simulation);
    } finally {
      clearTimeout(timer);
      if (chromium !== undefined) killGroup(chromium);
      page.server.closeAllConnections();
      page.server.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, PAGE_TIMEOUT_MS + 30_000);
});
