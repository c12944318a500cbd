/**
 * Test bots against the local stack: the worker under wrangler dev (workerd) and the Chime emulator. Real
 * headless Chromium tabs run the bot page (amazon-chime-sdk-js with fake media), open the SDK's signaling
 * WebSocket on the emulator and send their JOIN; the emulator has no media server, so each ends in
 * "signaling reached, media not emulated". Needs Chromium, Chrome or Edge on PATH (or CHIME_BOTS_BROWSER).
 *
 *   npm run test:e2e
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { findBrowser } from '../../extension/src/bots/browser.ts';
import { createBots, launchBots, startBots, type BotRun, type LaunchOptions } from '../../extension/src/bots/runner.ts';
import { describeBot } from '../../extension/src/bots/states.ts';
import { deleteAttendee } from '../../extension/src/worker/client.ts';
import { botBrowserPids } from '../tools/bot-processes.ts';
import type { WorkerWithEmulator } from '../support/worker-under-test.ts';
import { startLocalWorker } from '../tools/local-stack.ts';

const BUNDLE = fileURLToPath(new URL('../../extension/dist/bots/bot.js', import.meta.url));
const STEP_MS = 120_000;

let worker: WorkerWithEmulator | undefined;
let meetingId: string;
const runs: BotRun[] = [];

before(
  async () => {
    const script = fileURLToPath(new URL('../../extension/src/bots/page/esbuild.mjs', import.meta.url));
    const built = spawnSync(process.execPath, [script], { stdio: 'inherit' });
    assert.equal(built.status, 0, 'the bot page did not build');
    worker = await startLocalWorker();
    meetingId = await worker.emulator.createMeeting();
  },
  { timeout: 120_000 },
);

after(async () => {
  await Promise.all(runs.map((run) => run.stop()));
  await worker?.close();
});

const options = (prefix: string, count: number): LaunchOptions => {
  const browser = process.env['CHIME_BOTS_BROWSER'];
  assert.ok(findBrowser(browser), 'no Chromium, Chrome or Edge on PATH (or set CHIME_BOTS_BROWSER) to run the bots in');
  return {
    worker: { baseUrl: worker!.url, token: worker!.token, timeoutMs: 30_000 },
    meetingId,
    count,
    prefix,
    seconds: 5,
    browser,
    tabsPerBrowser: 2,
    bundlePath: BUNDLE,
  };
};

const tracked = (run: BotRun) => (runs.push(run), run);
const joinsOf = async (attendeeIds: string[]) =>
  (await worker!.emulator.state()).joins.filter((join) => attendeeIds.includes(join.AttendeeId ?? ''));

describe('test bots in headless Chromium against the local stack', { timeout: 300_000 }, () => {
  it('N bots send N JOINs, each with its attendee’s JoinToken, and say plainly: media not emulated', { timeout: STEP_MS }, async () => {
    const run = tracked(await launchBots(options('e2e-bot-', 4)));
    const bots = await run.settled;
    const expected = ['e2e-bot-1', 'e2e-bot-2', 'e2e-bot-3', 'e2e-bot-4'].map((id) => `${id} signaling reached, media not emulated`);
    assert.deepEqual(bots.map(describeBot), expected);
    const attendeeIds = bots.map((bot) => bot.attendeeId!);
    const joins = await joinsOf(attendeeIds);
    assert.equal(joins.length, 4);
    assert.deepEqual(new Set(joins.map((join) => join.AttendeeId)), new Set(attendeeIds));
    assert.ok(joins.every((join) => join.JoinTokenMatches && join.MeetingId === meetingId && join.ClientSource === 'amazon-chime-sdk-js'));
    await run.stop();
  });

  it('a bot whose attendee was deleted is refused at signaling and reported failed', { timeout: STEP_MS }, async () => {
    const launch = options('e2e-gone-', 2);
    const prepared = await createBots(launch);
    const [gone, kept] = prepared.bots;
    const deleted = await deleteAttendee(launch.worker, meetingId, gone!.attendeeId!);
    assert.ok(deleted.ok);
    const run = tracked(await startBots(prepared, launch));
    const [goneBot, keptBot] = await run.settled;
    assert.equal(goneBot!.state, 'failed');
    assert.match(goneBot!.detail!, /^SignalingBadRequest; signaling closed with 4401 JoinToken refused/);
    assert.equal(keptBot!.state, 'media-not-emulated');
    const joins = await joinsOf([gone!.attendeeId!, kept!.attendeeId!]);
    assert.deepEqual(
      joins.map((join) => [join.AttendeeId, join.JoinTokenMatches]).sort(),
      [
        [gone!.attendeeId, false],
        [kept!.attendeeId, true],
      ].sort(),
    );
    await run.stop();
  });

  it('stop, even while bots are starting, closes every tab and browser: no process is left', { timeout: STEP_MS }, async () => {
    let stopping: Promise<unknown> | undefined;
    const run = tracked(await launchBots({ ...options('e2e-stop-', 3), onChange: () => void (stopping ??= run.stop()) }));
    assert.ok(botBrowserPids().length > 0, 'the browsers run while the bots start');
    await run.settled;
    await (stopping ?? run.stop());
    assert.deepEqual(botBrowserPids(), []);
  });
});
