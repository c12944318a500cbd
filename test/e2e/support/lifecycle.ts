/*
 * The e2e run's resources (the packager, the worker and emulator, code-server, Chromium, a temp folder) and
 * their cleanup on every way out: after(), a failed setup, SIGINT, SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { WorkerWithEmulator } from '../../support/worker-under-test.ts';
import { closeBrowser, killProcessGroup, type CodeServer } from '../../vscode/code-server.mjs';
import { withDeadline } from './polling.ts';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const ARTIFACTS = join(ROOT, 'test-results', 'e2e');
export const CLOSE_MS = 30_000; // each resource to stop

export const live: { packager?: ChildProcess; worker?: WorkerWithEmulator; server?: CodeServer; browser?: Browser; dir?: string } = {};
/** Starts still under way: a signal can come before they hand over what must be stopped. */
const starting = new Set<Promise<unknown>>();
let cleaning: Promise<void> | undefined;

/** Starts something unless cleanup has begun; cleanup() waits for it to settle, to stop what it brings up. */
export function tracked<T>(begin: () => Promise<T>): Promise<T> {
  if (cleaning) return Promise.reject(new Error('not starting anything more: stopping'));
  const start = begin();
  starting.add(start);
  const settled = () => void starting.delete(start);
  start.then(settled, settled);
  return start;
}

export function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    // Each start is bounded by its own timeout (the worker's health wait is 60 s).
    if (starting.size > 0) {
      console.error(`[e2e] waiting for ${starting.size} start(s) under way, to stop what they bring up`);
      await withDeadline('starts under way', 90_000, Promise.allSettled([...starting])).catch((error: Error) =>
        console.error(`[e2e] ${error.message}`),
      );
    }
    const steps: [string, () => Promise<unknown>][] = [
      ['packager', async () => live.packager?.pid && (await killProcessGroup(live.packager.pid, { graceMs: 2_000 }))],
      ['browser', () => closeBrowser(live.browser)],
      ['code-server', async () => live.server?.close()],
      ['worker and emulator', async () => live.worker?.close()],
      ['temp folder', async () => live.dir && (await rm(live.dir, { recursive: true, force: true }))],
    ];
    for (const [name, stop] of steps) {
      try {
        await withDeadline(`stopping the ${name}`, CLOSE_MS, stop());
      } catch (error) {
        console.error(`[e2e] ${(error as Error).message}`);
      }
    }
  })();
  return cleaning;
}

// Not `once`: a signal usually comes twice (Ctrl-C or a CI cancel reaches the whole process group,
// and node --test passes its own on as SIGTERM), and the second must not kill this process before
// the worker and code-server, which run in process groups of their own, are stopped.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const) {
  process.on(signal, () => {
    if (cleaning) return console.error(`[e2e] ${signal}: still stopping everything`);
    console.error(`[e2e] ${signal}: stopping Chromium, code-server, the worker and the emulator`);
    void cleanup().finally(() => process.exit(code));
  });
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/** Runs a command to completion in its own process group; ends the group if it overruns. */
export async function run(command: string, args: string[], timeoutMs: number): Promise<string> {
  if (cleaning) throw new Error('not starting anything more: stopping');
  const child = spawn(command, args, { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  live.packager = child;
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  try {
    const code = await withDeadline(`${command} ${args.join(' ')}`, timeoutMs, exited);
    if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`);
    return output;
  } finally {
    if (child.pid) await killProcessGroup(child.pid, { graceMs: 2_000 });
    delete live.packager;
  }
}

/** A screenshot of the window and code-server's log, for a step that failed. */
export async function keepFailureArtifacts(page: Page | undefined, name: string): Promise<void> {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  try {
    await mkdir(ARTIFACTS, { recursive: true });
    if (page) await withDeadline('failure screenshot', 10_000, page.screenshot({ path: join(ARTIFACTS, `failure-${slug}.png`) }));
    if (live.server) await writeFile(join(ARTIFACTS, 'code-server.log'), live.server.logText());
    console.error(`[e2e] kept failure-${slug}.png and code-server.log in ${ARTIFACTS}`);
  } catch (error) {
    console.error(`[e2e] could not keep failure artifacts: ${(error as Error).message}`);
  }
}
