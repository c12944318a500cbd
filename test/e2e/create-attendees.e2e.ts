/**
 * End to end: the packaged extension (.vsix) installed into a real VS Code
 * (code-server), driven from headless Chromium the way a person drives it: Command Palette, typing,
 * Enter, a click on a button. The worker runs under wrangler dev (workerd) against the local Chime
 * emulator, and the test checks what the window shows, what the clipboard holds and what the
 * emulator holds: attendees created, test bots created with their join info copied, then deleted,
 * and the meeting's slot count back where it was; then, from the Chime sidebar, a test meeting made with
 * five bots, one bot's join info copied from its row, test bots launched on it in headless Chromium (each shown with
 * its state) and stopped, and the meeting ended.
 *
 *   npm run test:e2e          (after `bash .ci/setup-vscode.sh`, once per machine)
 *
 * Artifacts go to test-results/e2e/: create-attendees.png (the results, every run), sidebar.png, timings.json,
 * and on failure failure-<step>.png plus code-server.log. With E2E_UPDATE_SCREENSHOT=1 the results
 * screenshot is also copied to extension/media/screenshot.png and the sidebar's to extension/media/sidebar.png,
 * the extension README's pictures.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import EXTENSION_MANIFEST from '../../extension/package.json' with { type: 'json' };
import type { EmulatorMeetingState } from '../emulator/types.ts';
import { botBrowserPids } from '../tools/bot-processes.ts';
import { startLocalWorker } from '../tools/local-stack.ts';
import { installExtension, launchBrowser, openWorkbench, runPaletteCommand, startCodeServer } from '../vscode/code-server.mjs';
import { ARTIFACTS, CLOSE_MS, ROOT, cleanup, keepFailureArtifacts, live, run, tracked } from './support/lifecycle.ts';
import { timed, timings, until, withDeadline } from './support/polling.ts';
import {
  RESULT_MS,
  UI_MS,
  clickRowButton,
  clickSidebarAction,
  clickTitleButton,
  clickTreeRowAction,
  clipboardText,
  closeQuickInput,
  dialogText,
  enterMeeting,
  loadedImage,
  openChimeView,
  quickInput,
  quickInputWhere,
  logIncluding,
  resultsTitled,
  statusBarText,
  stepOf,
  toasts,
  treeRows,
  typeLikeAPerson,
  visibleText,
} from './support/workbench.ts';

const README_SCREENSHOT = join(ROOT, 'extension', 'media', 'screenshot.png');
const README_SIDEBAR_SCREENSHOT = join(ROOT, 'extension', 'media', 'sidebar.png');
/** Where vsce points the packaged README's relative pictures: the extension's folder in its repository. */
const REPOSITORY_FILES = `${EXTENSION_MANIFEST.repository.url.replace(/\.git$/, '')}/raw/HEAD/${EXTENSION_MANIFEST.repository.directory}`;

/** Typed as a person types them; the prefilled git email is replaced. */
const EXTERNAL_USER_IDS = ['e2e-alice@example.com', 'e2e-bot-1'];
/** A fresh token for each run, so finding it anywhere in the window can only mean a leak. */
const TOKEN = `e2e-${randomBytes(24).toString('base64url')}`;
const CREATE_TITLE = 'Create Chime Attendees';
const TEST_TITLE = 'Create Chime Test Attendees';
const DELETE_TITLE = 'Delete Chime Test Attendees';
/** Test bots made from a pattern, then deleted by its prefix. */
const BOT_PREFIX = 'e2e-load-';
const BOT_COUNT = 3;
const LIMITS_PER_MEETING = 250;
const BOTS = Array.from({ length: BOT_COUNT }, (_, i) => `${BOT_PREFIX}${i + 1}`);
/** The test meeting made from the sidebar, with five bots created in the same call. */
const MEETING_TITLE = 'Create Chime Test Meeting';
const SIDEBAR_MEETING = 'e2e-sidebar-meeting';
const SIDEBAR_BOTS = ['bot-1', 'bot-2', 'bot-3', 'bot-4', 'bot-5'];
/** Test bots launched on that meeting from the sidebar, each in a tab of headless Chromium. */
const LAUNCH_TITLE = 'Launch Chime Test Bots';
const RUNNING_BOTS = ['e2e-runner-1', 'e2e-runner-2'];

// Bounds. Everything waits by polling a condition against one of these deadlines.
const SETUP_MS = 240_000; // package, worker + emulator, install, code-server, Chromium, workbench
const STEP_MS = 120_000; // one test
const PALETTE_MS = 90_000; // the extension host registers the commands a while after the workbench shows

async function assertTokenNotShown(page: Page, when: string): Promise<void> {
  assert.ok(!(await visibleText(page)).includes(TOKEN), `the worker token is visible in the window ${when}`);
}

const emulatorState = () => live.worker!.emulator.state();

async function emulatorMeeting(meetingId: string): Promise<EmulatorMeetingState> {
  const meeting = (await emulatorState()).meetings.find((m) => m.MeetingId === meetingId);
  assert.ok(meeting, `meeting ${meetingId} is in the emulator`);
  return meeting;
}

// The test

describe(
  'Chime: Create Attendees… in a real VS Code (code-server + headless Chromium)',
  { timeout: SETUP_MS + 14 * STEP_MS + 5 * CLOSE_MS },
  () => {
    let page!: Page;
    let meetingId!: string;
    let shownAttendees: { ExternalUserId: string; AttendeeId: string }[] = [];
    let sidebarMeetingId!: string;
    let broken: string | undefined;

    /** One test's body, bounded; a failure keeps a screenshot and skips the steps that depend on it. */
    function step(name: string, body: () => Promise<void>) {
      it(name, { timeout: STEP_MS + 10_000 }, async (t) => {
        if (broken) return t.skip(`needs "${broken}", which failed`);
        try {
          await timed(name, () => withDeadline(name, STEP_MS, body()));
        } catch (error) {
          broken = name;
          await keepFailureArtifacts(page, name);
          throw error;
        }
      });
    }

    before(async () => {
      // Only this run's artifacts: a failure picture from an earlier run would mislead.
      await rm(ARTIFACTS, { recursive: true, force: true });
      await mkdir(ARTIFACTS, { recursive: true });
      live.dir = await mkdtemp(join(tmpdir(), 'chime-e2e-'));
      const vsix = join(live.dir, 'chime-attendees.vsix');
      const extensionsDir = join(live.dir, 'extensions');
      const userDataDir = join(live.dir, 'user-data');

      try {
        await timed('setup', async () => {
          // The package (build included: vsce runs vscode:prepublish) and the worker start together.
          const [packaged, worker] = await Promise.allSettled([
            timed('build and package the .vsix', () =>
              run('npm', ['--prefix', 'extension', 'run', 'package', '--', '--out', vsix], 180_000),
            ),
            // The run's one meeting must outlast a slow setup, longer than a meeting's 5 minutes.
            timed('start worker (wrangler dev) and emulator', () =>
              tracked(() => startLocalWorker({ token: TOKEN, meetingAutoEndMs: 60 * 60_000 })).then((w) => (live.worker = w)),
            ),
          ]);
          if (packaged.status === 'rejected') throw packaged.reason;
          if (worker.status === 'rejected') throw worker.reason;
          meetingId = await live.worker!.emulator.createMeeting();

          await timed('install the .vsix', () => tracked(() => installExtension(vsix, extensionsDir, { userDataDir, timeoutMs: 120_000 })));
          await mkdir(join(userDataDir, 'User'), { recursive: true });
          await writeFile(
            join(userDataDir, 'User', 'settings.json'),
            JSON.stringify(
              {
                'chimeAttendees.workerUrl': live.worker!.url,
                // A quiet window: no welcome page, chat, tips or update checks around the quick input.
                'workbench.startupEditor': 'none',
                'workbench.secondarySideBar.defaultVisibility': 'hidden',
                'chat.disableAIFeatures': true,
                'workbench.tips.enabled': false,
                'extensions.ignoreRecommendations': true,
                'update.mode': 'none',
                'telemetry.telemetryLevel': 'off',
              },
              null,
              2,
            ),
          );

          const [server, browser] = await Promise.allSettled([
            timed('start code-server', () =>
              tracked(() => startCodeServer({ extensionsDir, userDataDir, startTimeoutMs: 90_000 })).then((s) => (live.server = s)),
            ),
            timed('launch Chromium', () => tracked(() => launchBrowser({ timeoutMs: 60_000 })).then((b) => (live.browser = b))),
          ]);
          if (server.status === 'rejected') throw server.reason;
          if (browser.status === 'rejected') throw browser.reason;
          page = await timed('open the workbench', () =>
            openWorkbench(live.browser!, live.server!.workbenchUrl(), { timeoutMs: 90_000, viewport: { width: 1200, height: 720 } }),
          );
          // So the test can read what the extension copies, as a person would paste it.
          await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(live.server!.url).origin });
        });
      } catch (error) {
        await keepFailureArtifacts(page, 'setup');
        throw error;
      }
    });

    after(async () => {
      if (live.server) await writeFile(join(ARTIFACTS, 'code-server.log'), live.server.logText()).catch(() => {});
      await timed('teardown', cleanup);
      await writeFile(join(ARTIFACTS, 'timings.json'), `${JSON.stringify(timings, null, 2)}\n`).catch(() => {});
    });

    step('Chime: Set Worker Token takes the token in a password box and never shows it', async () => {
      const attempts = await runPaletteCommand(page, 'Chime: Set Worker Token', { timeoutMs: PALETTE_MS });
      console.log(`[e2e] the palette listed the command on attempt ${attempts}`);
      const box = await quickInputWhere(page, 'the token box', (s) => s.title === 'Set Chime Worker Token');
      assert.equal(box.inputType, 'password', 'the token is typed into a password box');
      assert.ok(box.message.includes(live.worker!.url), `the prompt names the worker from the user settings: ${box.message}`);

      await typeLikeAPerson(page, TOKEN);
      await quickInputWhere(page, 'the whole token typed', (s) => s.value === TOKEN);
      await assertTokenNotShown(page, 'while it is typed');
      await page.keyboard.press('Enter');

      await until(
        'the token box to close',
        UI_MS,
        async () => !(await quickInput(page)).visible,
        () => quickInput(page),
      );
      await until(
        '"Chime worker token saved" in the status bar',
        UI_MS,
        async () => (await statusBarText(page)).includes('Chime worker token saved'),
        () => statusBarText(page),
      );
      // Checked with the worker first (GET /token), which says what the token may do.
      const may = 'saved: it may read meetings and their attendees, create attendees, delete attendees and create and end meetings';
      await until(
        'what the token may do, in a notification',
        UI_MS,
        async () => (await toasts(page)).some((toast) => toast.text.includes(may)),
        () => toasts(page),
      );
      await assertTokenNotShown(page, 'after it was saved');
    });

    step('Chime: Create Attendees… creates the typed attendees and lists them', async () => {
      await runPaletteCommand(page, 'Chime: Create Attendees…', { timeoutMs: PALETTE_MS });

      // Step 1: the meeting. The typed ID becomes an item of its own ("use this meeting ID") once the
      // extension has checked it; Enter before that would accept nothing.
      const first = await quickInputWhere(page, 'the meeting step', (s) => s.title.startsWith(CREATE_TITLE) && stepOf(s.title)?.step === 1);
      const steps = stepOf(first.title)!.of;
      await typeLikeAPerson(page, meetingId);
      await quickInputWhere(page, 'the typed meeting ID offered and focused', (s) =>
        s.rows.some((row) => row.label === meetingId && row.description === 'use this meeting ID' && row.focused),
      );
      await page.keyboard.press('Enter');

      // Step 2: the ExternalUserIds, prefilled with the git email when there is one: replace it.
      const ids = await quickInputWhere(page, 'the ExternalUserIds step', (s) => s.title === `${CREATE_TITLE} (2/${steps})`);
      assert.match(ids.message, /^ExternalUserIds, separated by commas or one per line/);
      if (ids.value) console.log(`[e2e] the ExternalUserIds box came prefilled (${ids.value.length} characters): replacing it`);
      const typed = EXTERNAL_USER_IDS.join(', ');
      await page.keyboard.press('Control+A');
      await typeLikeAPerson(page, typed);
      const filled = await quickInputWhere(page, 'the ExternalUserIds typed', (s) => s.value === typed);
      assert.equal(filled.invalid, false, `the ExternalUserIds are accepted as typed: ${filled.message}`);
      await page.keyboard.press('Enter');

      // Last step: capabilities. The first choice ("Service default") is focused: accept it.
      const capabilities = await quickInputWhere(
        page,
        'the capabilities step',
        (s) => s.placeholder === 'Capabilities for these attendees',
      );
      assert.deepEqual(stepOf(capabilities.title), { step: steps, of: steps }, `capabilities is the last step: ${capabilities.title}`);
      assert.equal(capabilities.rows.find((row) => row.focused)?.label, 'Service default');
      await page.keyboard.press('Enter');

      // The request runs under a notification, then the results open in a list. A failure shows as
      // a warning or error from the extension instead: stop at once with its text.
      const expectedTitle = `Created ${EXTERNAL_USER_IDS.length} attendees in meeting ${meetingId}`;
      const results = await resultsTitled(page, expectedTitle, EXTERNAL_USER_IDS.length);

      shownAttendees = results.rows.map((row) => ({ ExternalUserId: row.label, AttendeeId: row.description }));
      assert.deepEqual(
        shownAttendees.map((a) => a.ExternalUserId),
        EXTERNAL_USER_IDS,
        'the list names the attendees, in the order typed',
      );
      for (const { AttendeeId } of shownAttendees)
        assert.match(AttendeeId, /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/, 'each shows its AttendeeId');
      assert.equal(results.rows[0]!.separator, `Created (${EXTERNAL_USER_IDS.length})`);
      await until(
        'the summary in the status bar',
        UI_MS,
        async () => (await statusBarText(page)).includes(expectedTitle),
        () => statusBarText(page),
      );
      // The progress notification ends with the request; it fades out a moment after the list opens.
      await until(
        'the "Creating…" notification to close',
        UI_MS,
        async () => !(await toasts(page)).some((toast) => toast.text.includes('Creating')),
        () => toasts(page),
      );

      const screenshot = join(ARTIFACTS, 'create-attendees.png');
      await page.screenshot({ path: screenshot });
      console.log(`[e2e] screenshot: ${screenshot}`);
      if (process.env.E2E_UPDATE_SCREENSHOT === '1') {
        await mkdir(join(README_SCREENSHOT, '..'), { recursive: true });
        await copyFile(screenshot, README_SCREENSHOT);
        console.log(`[e2e] copied to ${README_SCREENSHOT}`);
      }
      await assertTokenNotShown(page, 'with the results open');

      await page.keyboard.press('Escape');
      await until(
        'the results list to close',
        UI_MS,
        async () => !(await quickInput(page)).visible,
        () => quickInput(page),
      );
    });

    step('the emulator holds exactly those attendees, in that meeting', async () => {
      const state = await emulatorState();
      const meeting = await emulatorMeeting(meetingId);
      assert.equal(meeting.Deleted, false);
      const byName = (a: { ExternalUserId: string }, b: { ExternalUserId: string }) => a.ExternalUserId.localeCompare(b.ExternalUserId);
      const held = meeting.Attendees.map(({ AttendeeId, ExternalUserId }) => ({ ExternalUserId, AttendeeId })).sort(byName);
      assert.deepEqual(held, [...shownAttendees].sort(byName), 'the attendees the window listed, with the same AttendeeIds, and no others');
      for (const other of state.meetings.filter((m) => m.MeetingId !== meetingId))
        assert.equal(other.Attendees.length, 0, `meeting ${other.MeetingId} was left alone`);
    });

    step('Chime: Show Log reports the request but not the token or who was added', async () => {
      await runPaletteCommand(page, 'Chime: Show Log', { timeoutMs: PALETTE_MS });
      const summary = `meeting ${meetingId}: asked for ${EXTERNAL_USER_IDS.length}, created ${EXTERNAL_USER_IDS.length}, failed 0`;
      const log = await logIncluding(page, summary);
      assert.match(log, /worker token set/);
      for (const id of EXTERNAL_USER_IDS) assert.ok(!log.includes(id), `the log does not name ${id}`);
      await assertTokenNotShown(page, 'with the log open');
      assert.ok(!live.server!.logText().includes(TOKEN), "code-server's own log (kept as an artifact) does not hold the token");
    });

    step('Chime: Create Test Attendees… makes numbered bots, and copies their join info', async () => {
      await runPaletteCommand(page, 'Chime: Create Test Attendees…', { timeoutMs: PALETTE_MS });
      await enterMeeting(page, TEST_TITLE, meetingId);

      // The count step says how many slots are free (the two attendees above hold two).
      const free = LIMITS_PER_MEETING - EXTERNAL_USER_IDS.length;
      await quickInputWhere(
        page,
        'the count step, with the free slots',
        (s) => s.title === `${TEST_TITLE} (2/4)` && s.message.includes(`the meeting has ${free} slots free`),
      );
      await page.keyboard.press('Control+A');
      await typeLikeAPerson(page, String(BOT_COUNT));
      await quickInputWhere(page, 'the count typed and accepted', (s) => s.value === String(BOT_COUNT) && !s.invalid);
      await page.keyboard.press('Enter');

      await quickInputWhere(page, 'the pattern step', (s) => s.title === `${TEST_TITLE} (3/4)`);
      await page.keyboard.press('Control+A');
      await typeLikeAPerson(page, `${BOT_PREFIX}{n}`);
      await quickInputWhere(
        page,
        'the pattern typed, accepted and previewed',
        (s) => s.value === `${BOT_PREFIX}{n}` && !s.invalid && s.message.includes(`Makes ${BOTS.join(', ')}`),
      );
      await page.keyboard.press('Enter');

      const presets = await quickInputWhere(
        page,
        'the capabilities step',
        (s) => s.title === `${TEST_TITLE} (4/4)` && s.placeholder === 'Capabilities for these attendees',
      );
      assert.equal(presets.rows.find((row) => row.focused)?.label, 'Silent bot', 'bots are offered the silent preset first');
      await page.keyboard.press('Enter');

      // Checked first (live, and 2 of 250 slots used leaves room), then created.
      const results = await resultsTitled(page, `Created ${BOT_COUNT} attendees in meeting ${meetingId}`, BOT_COUNT);
      const bots = results.rows.map((row) => ({ ExternalUserId: row.label, AttendeeId: row.description }));
      assert.deepEqual(
        bots.map((bot) => bot.ExternalUserId),
        BOTS,
      );

      // Join info for all, from the title bar: the meeting (read once, by the check) and every bot.
      await clickTitleButton(page, 'Copy join info for all attendees');
      const copiedAll = `Copied the join info of ${BOT_COUNT} attendees`;
      await until(
        `"${copiedAll}" in the status bar`,
        UI_MS,
        async () => (await statusBarText(page)).includes(copiedAll),
        () => statusBarText(page),
      );
      const all = JSON.parse(await clipboardText(page)) as {
        Meeting: { MeetingId: string; MediaPlacement: Record<string, string> };
        Attendees: { AttendeeId: string; ExternalUserId: string; JoinToken: string }[];
      };
      assert.deepEqual(Object.keys(all), ['Meeting', 'Attendees']);
      assert.equal(all.Meeting.MeetingId, meetingId);
      assert.ok(
        all.Meeting.MediaPlacement.AudioHostUrl && all.Meeting.MediaPlacement.SignalingUrl,
        'the meeting carries what joining needs',
      );
      assert.deepEqual(
        all.Attendees.map(({ AttendeeId, ExternalUserId }) => ({ ExternalUserId, AttendeeId })),
        bots,
      );
      for (const attendee of all.Attendees) assert.ok(attendee.JoinToken.length > 0, 'each bot has its JoinToken');

      // And for one bot, from its row: MeetingSessionConfiguration(Meeting, Attendee)'s two arguments.
      await clickRowButton(page, BOTS[1]!, 'Copy join info (Meeting + Attendee)');
      const copiedOne = `Copied the join info of ${BOTS[1]}`;
      await until(
        `"${copiedOne}" in the status bar`,
        UI_MS,
        async () => (await statusBarText(page)).includes(copiedOne),
        () => statusBarText(page),
      );
      const one = JSON.parse(await clipboardText(page)) as { Meeting: unknown; Attendee: { ExternalUserId: string; JoinToken: string } };
      assert.deepEqual(Object.keys(one), ['Meeting', 'Attendee']);
      assert.deepEqual(one.Meeting, all.Meeting);
      assert.deepEqual(one.Attendee, all.Attendees[1]);
      await assertTokenNotShown(page, 'with the bots listed');
      for (const attendee of all.Attendees) assert.ok(!(await visibleText(page)).includes(attendee.JoinToken), 'no JoinToken is shown');
      await closeQuickInput(page, 'the results list');

      assert.equal((await emulatorMeeting(meetingId)).Attendees.length, EXTERNAL_USER_IDS.length + BOT_COUNT);
    });

    step('Chime: Show Meeting counts the slots its attendees hold', async () => {
      await runPaletteCommand(page, 'Chime: Show Meeting', { timeoutMs: PALETTE_MS });
      await enterMeeting(page, 'Show Chime Meeting', meetingId);
      const used = EXTERNAL_USER_IDS.length + BOT_COUNT;
      const view = await resultsTitled(page, `Meeting ${meetingId}: ${used} of 250 slots used`);
      const slots = view.rows.find((row) => row.label === 'Slots');
      assert.equal(slots?.description, `${used} of 250 slots used, ${250 - used} free`);
      await closeQuickInput(page, 'the meeting view');
    });

    step('Chime: Delete Test Attendees… deletes the bots by their prefix, after saying how many', async () => {
      await runPaletteCommand(page, 'Chime: Delete Test Attendees…', { timeoutMs: PALETTE_MS });
      await enterMeeting(page, DELETE_TITLE, meetingId);

      const used = EXTERNAL_USER_IDS.length + BOT_COUNT;
      const selection = await quickInputWhere(
        page,
        'the selection step',
        (s) => s.title === `${DELETE_TITLE} (2/3)` && s.placeholder.startsWith(`The meeting holds ${used} attendees`),
      );
      assert.ok(
        selection.rows.some((row) => row.label === BOT_PREFIX && row.description === `${BOT_COUNT} attendees`),
        `the bots' prefix is suggested: ${JSON.stringify(selection.rows)}`,
      );
      await typeLikeAPerson(page, BOT_PREFIX);
      const typed = `Delete the ${BOT_COUNT} attendees whose ExternalUserId starts with "${BOT_PREFIX}"`;
      await quickInputWhere(page, 'the typed prefix offered and focused', (s) => s.rows.some((row) => row.label === typed && row.focused));
      await page.keyboard.press('Enter');

      const question = `Delete ${BOT_COUNT} attendees whose ExternalUserId starts with "${BOT_PREFIX}" from meeting ${meetingId}?`;
      await until(
        'the confirmation dialog',
        UI_MS,
        async () => (await dialogText(page)).includes(question),
        () => dialogText(page),
      );
      await page
        .locator('.monaco-dialog-box .monaco-button', { hasText: `Delete ${BOT_COUNT} Attendees` })
        .first()
        .click({ timeout: UI_MS });

      const results = await resultsTitled(page, `Deleted ${BOT_COUNT} attendees from meeting ${meetingId}`, BOT_COUNT);
      assert.deepEqual(
        results.rows.map((row) => row.label),
        BOTS,
      );
      assert.equal(results.rows[0]!.separator, `Deleted (${BOT_COUNT})`);
      await closeQuickInput(page, 'the deletion results');
    });

    step('the slots come back: the emulator holds the first two only, and Show Meeting counts them', async () => {
      const meeting = await emulatorMeeting(meetingId);
      assert.deepEqual(meeting.Attendees.map((a) => a.ExternalUserId).sort(), [...EXTERNAL_USER_IDS].sort());
      await runPaletteCommand(page, 'Chime: Show Meeting', { timeoutMs: PALETTE_MS });
      await enterMeeting(page, 'Show Chime Meeting', meetingId);
      await resultsTitled(page, `Meeting ${meetingId}: ${EXTERNAL_USER_IDS.length} of 250 slots used`);
      await closeQuickInput(page, 'the meeting view');
    });

    step('the log, still open, reports the deletion and names no bot', async () => {
      const deleted = `meeting ${meetingId}: deleted ${BOT_COUNT}, failed 0, not attempted 0`;
      const log = await logIncluding(page, deleted);
      for (const id of BOTS) assert.ok(!log.includes(id), `the log does not name ${id}`);
      await assertTokenNotShown(page, 'at the end');
    });

    step('the Chime sidebar: Create Test Meeting… from its title bar makes a meeting with five bots, shown in the tree', async () => {
      await openChimeView(page);
      await clickSidebarAction(page, 'Create Test Meeting…');

      const name = await quickInputWhere(page, 'the ExternalMeetingId step', (s) => s.title === `${MEETING_TITLE} (1/4)`);
      assert.match(name.value, /-\d{8}-\d{4}$/, `prefilled with the user and the time: ${name.value}`);
      await page.keyboard.press('Control+A');
      await typeLikeAPerson(page, SIDEBAR_MEETING);
      await quickInputWhere(page, 'the ExternalMeetingId typed', (s) => s.value === SIDEBAR_MEETING && !s.invalid);
      await page.keyboard.press('Enter');
      await quickInputWhere(
        page,
        'the media region step',
        (s) => s.title === `${MEETING_TITLE} (2/4)` && s.rows.some((row) => row.label === 'us-east-1' && row.focused),
      );
      await page.keyboard.press('Enter');
      await quickInputWhere(
        page,
        'the features step',
        (s) => s.title === `${MEETING_TITLE} (3/4)` && s.rows.some((row) => row.label === 'HD video' && row.focused),
      );
      await page.keyboard.press('Enter');
      await quickInputWhere(page, 'the bots step', (s) => s.title === `${MEETING_TITLE} (4/4)`);
      await page.keyboard.press('Control+A');
      await typeLikeAPerson(page, String(SIDEBAR_BOTS.length));
      await quickInputWhere(page, 'the bot count typed', (s) => s.value === String(SIDEBAR_BOTS.length) && !s.invalid);
      await page.keyboard.press('Enter');

      // The new meeting appears expanded, its bots under it.
      const rows = await until(
        'the new meeting and its five bots in the tree',
        RESULT_MS,
        async () => {
          const shown = await treeRows(page);
          const meetingRow = shown.find((row) => row.label === SIDEBAR_MEETING);
          return (
            meetingRow?.description === `live · ${SIDEBAR_BOTS.length} of 250 slots used` &&
            SIDEBAR_BOTS.every((bot) => shown.some((row) => row.label === bot)) &&
            shown
          );
        },
        () => treeRows(page),
      );
      assert.ok(
        rows.some((row) => row.description === `live · ${EXTERNAL_USER_IDS.length} of 250 slots used`),
        `the meeting used earlier is listed too: ${JSON.stringify(rows)}`,
      );
      const status = await statusBarText(page);
      assert.ok(status.includes(`${new URL(live.worker!.url).host} · chime-sdk-meetings`), `the status bar names the worker: ${status}`);

      const created = (await emulatorState()).meetings.find((m) => m.ExternalMeetingId === SIDEBAR_MEETING);
      assert.ok(created, 'the emulator holds the new meeting');
      sidebarMeetingId = created.MeetingId;
      assert.deepEqual(created.Attendees.map((a) => a.ExternalUserId).sort(), [...SIDEBAR_BOTS].sort());
    });

    step("the sidebar: Copy Join Info on a bot copies its join info, the emulator's same attendee with its JoinToken", async () => {
      const bot = SIDEBAR_BOTS[2]!;
      await clickTreeRowAction(page, bot, 'Copy Join Info');
      const copied = `Copied the join info of ${bot}`;
      await until(
        `"${copied}" in the status bar`,
        RESULT_MS,
        async () => (await statusBarText(page)).includes(copied),
        () => statusBarText(page),
      );
      const info = JSON.parse(await clipboardText(page)) as {
        Meeting: { MeetingId: string; MediaPlacement: Record<string, string> };
        Attendee: { AttendeeId: string; ExternalUserId: string; JoinToken: string };
      };
      const held = (await emulatorMeeting(sidebarMeetingId)).Attendees;
      assert.equal(info.Meeting.MeetingId, sidebarMeetingId);
      assert.ok(
        info.Meeting.MediaPlacement.AudioHostUrl && info.Meeting.MediaPlacement.SignalingUrl,
        'the meeting carries what joining needs',
      );
      assert.equal(
        info.Attendee.AttendeeId,
        held.find((a) => a.ExternalUserId === bot)?.AttendeeId,
        "the emulator's attendee, not a new one",
      );
      assert.ok(info.Attendee.JoinToken.length > 0, 'with its JoinToken');
      assert.equal(held.length, SIDEBAR_BOTS.length, 'no attendee was added');
      assert.ok(!(await visibleText(page)).includes(info.Attendee.JoinToken), 'no JoinToken is shown');
      await assertTokenNotShown(page, 'with the sidebar open');

      await until(
        'the "Reading the join info…" notification to close',
        UI_MS,
        async () => !(await toasts(page)).some((toast) => toast.text.includes('Reading')),
        () => toasts(page),
      );
    });

    step(
      'the sidebar: Launch Test Bots… on the meeting shows each bot with its state; Stop Test Bots closes them and deletes them',
      async () => {
        await clickTreeRowAction(page, SIDEBAR_MEETING, 'Launch Test Bots…');
        const free = LIMITS_PER_MEETING - SIDEBAR_BOTS.length;
        await quickInputWhere(
          page,
          'the count step, with the free slots',
          (s) => s.title === `${LAUNCH_TITLE} (1/4)` && s.message.includes(`the meeting has ${free} slots free`),
        );
        await page.keyboard.press('Control+A');
        await typeLikeAPerson(page, String(RUNNING_BOTS.length));
        await quickInputWhere(page, 'the count typed and accepted', (s) => s.value === String(RUNNING_BOTS.length) && !s.invalid);
        await page.keyboard.press('Enter');
        const prefix = await quickInputWhere(page, 'the prefix step', (s) => s.title === `${LAUNCH_TITLE} (2/4)`);
        assert.equal(prefix.value, 'bot-', 'the prefix offered is bot-');
        await page.keyboard.press('Control+A');
        await typeLikeAPerson(page, 'e2e-runner-');
        await quickInputWhere(page, 'the prefix typed and accepted', (s) => s.value === 'e2e-runner-' && !s.invalid);
        await page.keyboard.press('Enter');
        await quickInputWhere(
          page,
          'the capabilities step, the silent bot first',
          (s) => s.title === `${LAUNCH_TITLE} (3/4)` && s.rows.find((row) => row.focused)?.label === 'Silent bot',
        );
        await page.keyboard.press('Enter');
        await quickInputWhere(
          page,
          'the stay step',
          (s) => s.title === `${LAUNCH_TITLE} (4/4)` && s.rows.find((row) => row.focused)?.label === '1 minute',
        );
        await page.keyboard.press('Enter');

        // Each bot under the meeting, its state as the runner reports it: against the emulator, said plainly.
        // The extension host's temp folder is code-server's own: its bots' browsers name profiles in it.
        const botBrowsers = () => botBrowserPids(join(live.server!.baseDir, 'tmp'));
        let browsersSeen = 0;
        const shown = await until(
          'the bots under the meeting, each over',
          RESULT_MS,
          async () => {
            browsersSeen = Math.max(browsersSeen, botBrowsers().length);
            const rows = await treeRows(page);
            const meetingRow = rows.find((row) => row.label === SIDEBAR_MEETING);
            return (
              meetingRow?.description.endsWith(`· ${RUNNING_BOTS.length} test bots`) &&
              RUNNING_BOTS.every((bot) =>
                rows.some((row) => row.label === bot && row.description === 'signaling reached, media not emulated'),
              ) &&
              rows
            );
          },
          () => treeRows(page),
        );
        assert.ok(!shown.some((row) => RUNNING_BOTS.includes(row.label) && /joined/.test(row.description)), 'never said to have joined');
        assert.ok(browsersSeen > 0, 'their headless browser ran while they started');
        const held = (await emulatorMeeting(sidebarMeetingId)).Attendees.filter((a) => RUNNING_BOTS.includes(a.ExternalUserId));
        assert.equal(held.length, RUNNING_BOTS.length, 'their attendees were created through the worker');
        const joins = (await emulatorState()).joins.filter((join) => held.some((a) => a.AttendeeId === join.AttendeeId));
        assert.deepEqual(joins.map((join) => join.AttendeeId).sort(), held.map((a) => a.AttendeeId).sort(), 'one JOIN per bot');
        assert.ok(
          joins.every((join) => join.JoinTokenMatches),
          "each with its attendee's JoinToken",
        );

        // The sidebar's picture: the meeting, its silent attendees and its running bots with their states.
        const screenshot = join(ARTIFACTS, 'sidebar.png');
        await page.mouse.move(600, 700);
        await page.screenshot({ path: screenshot });
        if (process.env.E2E_UPDATE_SCREENSHOT === '1') {
          await copyFile(screenshot, README_SIDEBAR_SCREENSHOT);
          console.log(`[e2e] copied to ${README_SIDEBAR_SCREENSHOT}`);
        }

        await clickTreeRowAction(page, SIDEBAR_MEETING, 'Stop Test Bots');
        const offer = `Stopped ${RUNNING_BOTS.length} test bots in meeting ${sidebarMeetingId}. Delete their ${RUNNING_BOTS.length} attendees`;
        await until(
          'the offer to delete the bots’ attendees',
          RESULT_MS,
          async () => (await toasts(page)).some((toast) => toast.text.includes(offer)),
          () => toasts(page),
        );
        assert.deepEqual(botBrowsers(), [], 'no bot browser process is left');
        await page.locator('.notification-toast .monaco-button', { hasText: 'Delete Attendees' }).first().click({ timeout: UI_MS });
        await until(
          'the bots gone from the tree, their attendees deleted',
          RESULT_MS,
          async () => {
            const rows = await treeRows(page);
            return (
              rows.some((row) => row.label === SIDEBAR_MEETING && row.description === `live · ${SIDEBAR_BOTS.length} of 250 slots used`) &&
              !rows.some((row) => RUNNING_BOTS.includes(row.label))
            );
          },
          () => treeRows(page),
        );
        assert.deepEqual((await emulatorMeeting(sidebarMeetingId)).Attendees.map((a) => a.ExternalUserId).sort(), [...SIDEBAR_BOTS].sort());
      },
    );

    step('the sidebar: End Meeting asks, saying how many attendees it removes, and the tree marks the meeting ended', async () => {
      await clickTreeRowAction(page, SIDEBAR_MEETING, 'End Meeting');
      const question = `End meeting ${sidebarMeetingId}? This removes its ${SIDEBAR_BOTS.length} attendees at once`;
      await until(
        'the confirmation dialog',
        UI_MS,
        async () => (await dialogText(page)).includes(question),
        () => dialogText(page),
      );
      await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'End Meeting' }).first().click({ timeout: UI_MS });
      await until(
        'the meeting marked ended in the tree',
        RESULT_MS,
        async () => {
          const shown = await treeRows(page);
          return (
            shown.some((row) => row.label === SIDEBAR_MEETING && row.description === 'ended') &&
            !shown.some((row) => SIDEBAR_BOTS.includes(row.label))
          );
        },
        () => treeRows(page),
      );
      assert.equal((await emulatorMeeting(sidebarMeetingId)).Deleted, true, 'the emulator ended it');
    });

    step("the Extensions view shows the extension's own icon, and its page links the README's screenshot from the repository", async () => {
      await runPaletteCommand(page, 'Extensions: Show Installed Extensions', { timeoutMs: PALETTE_MS });
      const item = page.locator('.extension-list-item', { hasText: 'Chime Attendees' }).first();
      await item.waitFor({ timeout: UI_MS });
      const icon = await until(
        'the extension icon to load',
        UI_MS,
        () => item.locator('img.icon').evaluate(loadedImage),
        () => item.innerHTML(),
      );
      assert.match(decodeURIComponent(icon.src), /chime-attendees[^/]*\/media\/icon\.png/, `the list shows the packaged icon: ${icon.src}`);
      await item.click();
      // VS Code's extension page shows README pictures from https: only (its sanitizer drops data: and
      // relative sources), so the package points the picture at the repository; offline it cannot load.
      const sources = await until("the README's screenshot on the extension's page", UI_MS, async () => {
        const found = await Promise.all(
          page.frames().map((frame) => frame.evaluate(() => [...document.images].map((img) => img.src)).catch(() => [])),
        );
        return found.flat().find((src) => src.endsWith('/media/screenshot.png'));
      });
      assert.equal(sources, `${REPOSITORY_FILES}/media/screenshot.png`);
    });
  },
);
