// Shared setup for browser tests: the built site (dist/) served by Vite's preview server,
// driven in Debian's headless Chromium through playwright-core.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type PreviewServer, preview } from 'vite';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Lab {
  url: string;
  context: BrowserContext;
  /** Every console message and page error seen, as "type: text". */
  messages: string[];
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /** Stops the preview server only (the offline test: nothing left to answer but the service worker). */
  stopServer(): Promise<void>;
  close(): Promise<void>;
}

export interface LabOptions {
  outDir?: string;
  /** Chromium flags after CHROMIUM_ARGS (a fake microphone: fakeMicrophoneArgs). */
  args?: string[];
}

/** Flags for a microphone that plays `wav` in a loop; `grant: false` leaves the permission to ask (denied). */
export function fakeMicrophoneArgs(wav: string, grant = true): string[] {
  return [
    ...(grant ? ['--use-fake-ui-for-media-stream'] : ['--deny-permission-prompts']),
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-audio-capture=${wav}`,
    '--autoplay-policy=no-user-gesture-required',
  ];
}

export async function startLab(opts: LabOptions = {}): Promise<Lab> {
  const server: PreviewServer = await preview({
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
    ...(opts.outDir ? { build: { outDir: opts.outDir } } : {}),
  });
  let serving = true;
  const stopServer = async () => {
    if (!serving) return;
    serving = false;
    // Keep-alive sockets would otherwise go on answering the browser.
    if ('closeAllConnections' in server.httpServer) server.httpServer.closeAllConnections();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  };
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') throw new Error('preview server has no port');
  const url = `http://127.0.0.1:${address.port}/`;
  const userDataDir = mkdtempSync(join(tmpdir(), 'deltalab-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
    headless: true,
    viewport: { width: 1280, height: 720 },
    acceptDownloads: true,
  });
  const messages: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => messages.push(`pageerror: ${e.message}`));
  };
  context.on('page', watch);
  return {
    url,
    context,
    messages,
    async newPage(viewport) {
      const page = await context.newPage();
      if (viewport) await page.setViewportSize(viewport);
      return page;
    },
    stopServer,
    async close() {
      await context.close();
      await stopServer();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Console messages that count as errors (errors and uncaught exceptions). */
export function consoleErrors(messages: string[]): string[] {
  return messages.filter((m) => m.startsWith('error:') || m.startsWith('pageerror:'));
}

export type { Browser, Page };

/** The bare worker harness page of the built site (window.deltalabHarness), ready to script. */
export async function openWorkersHarness(lab: Lab): Promise<Page> {
  const page = await lab.newPage();
  await page.goto(`${lab.url}workers-harness.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  return page;
}
