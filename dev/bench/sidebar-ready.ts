/**
 * `sidebar_ready_ms`: what a person waits for when opening Peel. The workbench (the real dist/, the runtime, the
 * emulator at the workbench's default latency) driven in Chromium: from the click on Extensions › Open Peel to
 * the moment Generate is enabled. Each open is a fresh sidebar frame, as reopening Peel in an editor is; the
 * median of a few opens is reported. Without a Chromium the figure is left out (findChromium says how to add one).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findChromium, launchChromium } from '../support/chromium';
import { DEFAULT_LATENCY_MS, startWorkbench } from '../workbench/server';

const OPENS = 3;
const WAIT_MS = 30_000;

export interface SidebarReady {
  readonly medianMs: number;
  readonly latencyMs: number;
  readonly samples: readonly number[];
}

export async function measureSidebarReady(distDir: string): Promise<SidebarReady | null> {
  const executablePath = findChromium();
  if (!executablePath) return null;
  const dir = await mkdtemp(path.join(tmpdir(), 'peel-bench-sidebar-'));
  const workbench = await startWorkbench({
    port: 0,
    stateFile: path.join(dir, 'state.json'),
    distDir,
    reset: true,
    latencyMs: DEFAULT_LATENCY_MS,
    // The emulator, whatever the shell says: a benchmark never calls Google.
    env: {},
  });
  const browser = await launchChromium(executablePath);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(workbench.url);
    await page.getByRole('button', { name: 'Extensions' }).waitFor();
    const samples: number[] = [];
    for (let i = 0; i < OPENS; i++) {
      await page.getByRole('button', { name: 'Extensions' }).click();
      const item = page.getByRole('menuitem', { name: 'Open Peel' });
      await item.waitFor();
      const start = performance.now();
      await item.click();
      const sidebar = page.getByRole('complementary', { name: 'Peel sidebar' });
      const generate = sidebar.locator('iframe').contentFrame().getByRole('button', { name: 'Generate', exact: true });
      await generate.waitFor();
      // Polled every frame: the figure is the first moment a click on Generate would do something.
      while (!(await generate.isEnabled())) await page.waitForTimeout(16);
      samples.push(performance.now() - start);
      await sidebar.getByRole('button', { name: 'Close sidebar' }).click();
      await sidebar.waitFor({ state: 'detached' });
    }
    const sorted = [...samples].sort((a, b) => a - b);
    return { medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, latencyMs: DEFAULT_LATENCY_MS, samples };
  } finally {
    await browser.close();
    await workbench.close();
    await rm(dir, { recursive: true, force: true });
  }
}
