import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { findBrowser } from '../../../../extension/src/bots/browser.ts';
import { createBots, launchBots, LaunchError, type LaunchOptions } from '../../../../extension/src/bots/runner.ts';
import { FAILING_PREFIX, startFakeWorker, type FakeWorker } from '../support/fakeWorker.ts';

// The runner with no browser: a stand-in (support/fakeBrowser.mjs) plays the bots' pages over the same HTTP.
const FAKE_BROWSER = fileURLToPath(new URL('../support/fakeBrowser.mjs', import.meta.url));
const RUNNER_IN_A_CHILD = fileURLToPath(new URL('./support/runBots.ts', import.meta.url));

let worker: FakeWorker;
let dir: string;
let pids: string;
let bundlePath: string;

beforeAll(async () => {
  worker = await startFakeWorker();
  dir = await mkdtemp(join(tmpdir(), 'bots-test-'));
  bundlePath = join(dir, 'bot.js');
  await writeFile(bundlePath, '// the page is not loaded by the stand-in');
});
afterAll(async () => {
  await worker.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  pids = await mkdtemp(join(dir, 'pids-'));
  process.env['FAKE_BROWSER_PIDS'] = pids;
  process.env['FAKE_BROWSER_SCENARIO'] = 'join';
});

const options = (overrides: Partial<LaunchOptions> = {}): LaunchOptions => ({
  worker: { baseUrl: worker.url, token: worker.token, timeoutMs: 5_000 },
  meetingId: worker.meetingId,
  count: 5,
  prefix: `bot-${Math.random().toString(36).slice(2, 8)}-`,
  seconds: 60,
  browser: FAKE_BROWSER,
  tabsPerBrowser: 2,
  bundlePath,
  ...overrides,
});

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const browserPids = async () => (await readdir(pids)).map(Number);

/** Polls until the condition holds, at most `limit` times. */
async function eventually(condition: () => boolean | Promise<boolean>, limit = 200): Promise<void> {
  for (let attempt = 0; attempt < limit; attempt++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the condition never held');
}

describe('the bot runner', () => {
  it('starts a browser per bounded group of tabs, tracks each bot, and stops them all, leaving no process', async () => {
    const seen = new Set<string>();
    const run = await launchBots(options({ onChange: (bots) => bots.forEach((bot) => seen.add(bot.state)) }));
    await eventually(() => run.bots().every((bot) => bot.state === 'joined'));
    expect(await browserPids()).toHaveLength(3); // 5 bots, 2 tabs each
    const { bots } = await run.stop();
    expect(bots.map((bot) => bot.state)).toEqual(Array(5).fill('left'));
    expect([...seen]).toEqual(expect.arrayContaining(['starting', 'signaling', 'joined', 'left']));
    expect((await browserPids()).filter(isRunning)).toEqual([]);
  });

  it('deletes the bots’ attendees when asked', async () => {
    const run = await launchBots(options({ count: 3 }));
    await eventually(() => run.bots().every((bot) => bot.state === 'joined'));
    const { deleted, deleteFailure } = await run.stop({ deleteAttendees: true });
    expect([deleted, deleteFailure]).toEqual([3, undefined]);
    expect(worker.requests.filter((request) => request.startsWith('POST') && request.endsWith('/attendees/delete'))).toHaveLength(1);
  });

  it('fails a bot whose attendee was not created, and starts the others', async () => {
    const run = await launchBots(options({ count: 2, prefix: FAILING_PREFIX }));
    expect(run.bots().every((bot) => bot.state === 'failed' && /^not created: /.test(bot.detail!))).toBe(true);
    expect(await run.settled).toHaveLength(2);
    expect(await browserPids()).toEqual([]);
    await run.stop();
  });

  it('fails bots whose page never reports, and bots whose browser exits', async () => {
    process.env['FAKE_BROWSER_SCENARIO'] = 'silent';
    const silent = await launchBots(options({ count: 2, reportTimeoutMs: 300 }));
    expect((await silent.settled).map((bot) => bot.detail)).toEqual(['its page never reported', 'its page never reported']);
    await silent.stop();
    process.env['FAKE_BROWSER_SCENARIO'] = 'exit';
    const exited = await launchBots(options({ count: 3 }));
    expect((await exited.settled).map((bot) => bot.detail)).toEqual(Array(3).fill('its browser exited'));
    await exited.stop();
  });

  it('refuses bad options and a missing browser before creating anything', async () => {
    const before = worker.requests.length;
    const counts = [{ count: 0 }, { count: 251 }, { count: 1.5 }];
    const bads = [...counts, { prefix: '' }, { seconds: -1 }, { tabsPerBrowser: 0 }, { tabsPerBrowser: 17 }];
    for (const bad of bads) {
      await expect(createBots(options(bad))).rejects.toThrow(LaunchError);
    }
    await expect(createBots(options({ browser: join(dir, 'no-such-browser') }))).rejects.toThrow(/not an executable file/);
    expect(worker.requests.length).toBe(before);
    await expect(createBots(options({ meetingId: worker.stalledMeetingId.replace(/./, '0') }))).rejects.toThrow(/could not be read/);
  });

  it('finds a browser on PATH by its usual names, and none on an empty PATH', () => {
    expect(findBrowser(undefined, '')).toBeUndefined();
    expect(findBrowser(FAKE_BROWSER)).toBe(FAKE_BROWSER);
  });

  it('leaves no browser, nor its profile, behind when the runner itself is killed', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', RUNNER_IN_A_CHILD, JSON.stringify(options({ count: 2 }))], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: process.env,
    });
    await eventually(async () => (await browserPids()).length === 1, 400);
    const [pid] = await browserPids();
    const profile = await readFile(join(pids, String(pid)), 'utf8');
    await eventually(() => isRunning(pid!));
    child.kill('SIGKILL');
    await eventually(() => !isRunning(pid!), 400);
    await eventually(() => !existsSync(profile), 400); // removed by the browser's watchdog after about 2 s
  });
});
