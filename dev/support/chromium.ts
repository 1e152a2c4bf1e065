/**
 * Finds and starts the system Chromium for the browser tests. Playwright's own browser download cannot work
 * on a closed network, so the tests drive whatever Chromium the machine has: `PEEL_CHROMIUM`, then
 * /usr/bin/chromium (Debian's package), then `chromium` / `chromium-browser` / `google-chrome` on PATH.
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const ON_PATH = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.PEEL_CHROMIUM?.trim();
  if (configured) return executable(configured) ? configured : null;
  for (const file of CANDIDATES) if (executable(file)) return file;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of ON_PATH) {
      const file = path.join(dir, name);
      if (executable(file)) return file;
    }
  }
  return null;
}

/**
 * Flags for a closed network and a small machine: no sandbox (root in a container), no GPU, and none of the
 * background requests (component updates, sync, QUIC probes) that would wait on hosts nobody can reach.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * `scrollbars`: classic scrollbars that take room, as on Windows and Linux desktops, instead of the headless
 * default (Playwright hides them), so a layout that only fits without one shows.
 */
export async function launchChromium(
  executablePath: string,
  { scrollbars = false }: { readonly scrollbars?: boolean } = {},
): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
    ...(scrollbars ? { ignoreDefaultArgs: ['--hide-scrollbars'] } : {}),
  });
}

/**
 * What a browser suite does without a browser: outside CI it says so loudly and skips; in CI (where the
 * pipeline installs Chromium) a missing browser is a failure, never a silent skip.
 */
export function chromiumOrSkip(suite: string): { executablePath: string | null; skip: boolean } {
  const executablePath = findChromium();
  if (executablePath) return { executablePath, skip: false };
  const how = 'Install it (apt-get install chromium) or set PEEL_CHROMIUM to a Chromium or Chrome binary.';
  if (process.env.CI) {
    throw new Error(`${suite}: no Chromium found, and CI must run the browser tests. ${how}`);
  }
  const line = '!'.repeat(100);
  console.warn(`\n${line}\n!!! ${suite}: SKIPPED, no Chromium found. ${how}\n${line}\n`);
  return { executablePath: null, skip: true };
}
