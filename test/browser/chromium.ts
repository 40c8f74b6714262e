import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { REPO_ROOT } from '../support/stack';

/** Debian's Chromium, which deploy/local/lib/test-tools.sh installs. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Where the tests keep screenshots of the demo page (git-ignored). */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'artifacts/browser');

/**
 * Flags that keep Chromium from contacting any host but the gateway: no background networking,
 * component updates, sync or QUIC. `--no-sandbox` lets it run as root, as in CI containers.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium with a fresh profile, and the requests it tried to send elsewhere. */
export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** URLs of requests to hosts other than 127.0.0.1, which were aborted. */
  foreignRequests: string[];
  /** Uncaught exceptions of the page, which the SDK must never cause. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Starts headless Chromium with an empty profile in a new temporary folder. Every request to a
 * host other than 127.0.0.1 is aborted and recorded, so a test can check the page stays local.
 */
export async function launchChromium(): Promise<BrowserSession> {
  const profile = mkdtempSync(path.join(tmpdir(), 'vigil-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1000, height: 640 },
  });
  const foreignRequests: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') {
      return route.continue();
    }
    foreignRequests.push(url.href);

    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  return {
    context,
    page,
    foreignRequests,
    pageErrors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });

  return file;
}
