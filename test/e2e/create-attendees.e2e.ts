/**
 * End to end: the packaged extension (.vsix) installed into a real VS Code
 * (code-server), driven from headless Chromium the way a person drives it: Command Palette, typing,
 * Enter, a click on a button. The worker runs under wrangler dev (workerd) against the local Chime
 * emulator, and the test checks what the window shows, what the clipboard holds and what the
 * emulator holds: attendees created, test bots created with their join info copied, then deleted,
 * and the meeting's slot count back where it was; then, from the Chime sidebar, a test meeting made with
 * five bots, one bot's join info copied from its row, and the meeting ended.
 *
 *   npm run test:e2e          (after `bash .ci/setup-vscode.sh`, once per machine)
 *
 * Artifacts go to test-results/e2e/: create-attendees.png (the results, every run), sidebar.png, timings.json,
 * and on failure failure-<step>.png plus code-server.log. With E2E_UPDATE_SCREENSHOT=1 the results
 * screenshot is also copied to extension/media/screenshot.png and the sidebar's to extension/media/sidebar.png,
 * the extension README's pictures.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import EXTENSION_MANIFEST from '../../extension/package.json' with { type: 'json' };
import { startLocalStack, type LocalStack } from '../tools/local-stack.ts';
import {
  closeBrowser,
  installExtension,
  killProcessGroup,
  launchBrowser,
  openWorkbench,
  runPaletteCommand,
  startCodeServer,
  type CodeServer,
} from '../vscode/code-server.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = join(ROOT, 'test-results', 'e2e');
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

// Bounds. Everything waits by polling a condition against one of these deadlines.
const SETUP_MS = 240_000; // package, worker + emulator, install, code-server, Chromium, workbench
const STEP_MS = 120_000; // one test
const PALETTE_MS = 90_000; // the extension host registers the commands a while after the workbench shows
const UI_MS = 30_000; // one quick-input step to appear or change
const RESULT_MS = 90_000; // the request (the extension's own timeout is 30 s) and the results list
const CLOSE_MS = 30_000; // each resource to stop

// ---------------------------------------------------------------------------------------------
// Resources, and their cleanup on every way out (after(), a failed setup, SIGINT, SIGTERM)

const live: { packager?: ChildProcess; stack?: LocalStack; server?: CodeServer; browser?: Browser; dir?: string } = {};
/** Starts still under way: a signal can come before they hand over what must be stopped. */
const starting = new Set<Promise<unknown>>();
let cleaning: Promise<void> | undefined;

/** Starts something unless cleanup has begun; cleanup() waits for it to settle, to stop what it brings up. */
function tracked<T>(begin: () => Promise<T>): Promise<T> {
  if (cleaning) return Promise.reject(new Error('not starting anything more: stopping'));
  const start = begin();
  starting.add(start);
  const settled = () => void starting.delete(start);
  start.then(settled, settled);
  return start;
}

function cleanup(): Promise<void> {
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
      ['worker and emulator', async () => live.stack?.close()],
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

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function withDeadline<T>(what: string, ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms)),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `probe` until it returns something truthy; past the deadline, fails saying what it last saw. */
async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined | false>,
  seen?: () => Promise<unknown>,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() >= deadline) {
      const last = seen ? `; last seen: ${JSON.stringify(await seen().catch((error: Error) => error.message))}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last}`);
    }
    await pause(150);
  }
}

const timings: Record<string, number> = {};
async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = Date.now();
  try {
    return await work();
  } finally {
    timings[name] = Date.now() - start;
    console.log(`[e2e] ${name}: ${((Date.now() - start) / 1000).toFixed(1)} s`);
  }
}

/** Runs a command to completion in its own process group; ends the group if it overruns. */
async function run(command: string, args: string[], timeoutMs: number): Promise<string> {
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

// ---------------------------------------------------------------------------------------------
// What the window shows

interface QuickInputRow {
  label: string;
  description: string;
  focused: boolean;
  separator: string;
}

interface QuickInputState {
  visible: boolean;
  title: string;
  inputType: string;
  value: string;
  placeholder: string;
  message: string;
  invalid: boolean;
  rows: QuickInputRow[];
}

/**
 * The quick-input widget (palette, input boxes and quick picks all use it) as plain data.
 * Functions run in the page must not declare named helpers: tsx's esbuild wraps those in a
 * `__name()` call that exists only in Node.
 */
function quickInput(page: Page): Promise<QuickInputState> {
  return page.evaluate(() => {
    const widget = document.querySelector<HTMLElement>('.quick-input-widget');
    const input = widget?.querySelector<HTMLInputElement>('.quick-input-box input.input');
    const visible = !!widget && widget.checkVisibility() && !widget.classList.contains('quick-input-widget-closing');
    const rows = [...(widget?.querySelectorAll('.quick-input-list .monaco-list-row') ?? [])].map((row) => {
      // Only the first line: VS Code keeps hidden detail lines of recycled rows in the DOM.
      const line = row.querySelector('.quick-input-list-row');
      const separator = row.querySelector<HTMLElement>('.quick-input-list-separator');
      return {
        label: (line?.querySelector('.label-name')?.textContent ?? '').trim(),
        description: (line?.querySelector('.label-description')?.textContent ?? '').trim(),
        focused: row.classList.contains('focused'),
        separator: separator?.checkVisibility() ? (separator.textContent ?? '').trim() : '',
      };
    });
    return {
      visible,
      title: (widget?.querySelector('.quick-input-title')?.textContent ?? '').trim(),
      inputType: input?.type ?? '',
      value: input?.value ?? '',
      placeholder: input?.placeholder ?? '',
      message: (widget?.querySelector('.quick-input-message')?.textContent ?? '').trim(),
      invalid: !!widget?.querySelector('.monaco-inputbox.error, .monaco-inputbox.warning'),
      rows: visible ? rows : [],
    };
  });
}

/** Waits for the quick input to show a state `matches` accepts (a new step, a filtered list). */
function quickInputWhere(
  page: Page,
  what: string,
  matches: (state: QuickInputState) => boolean,
  timeoutMs = UI_MS,
): Promise<QuickInputState> {
  return until(
    what,
    timeoutMs,
    async () => {
      const state = await quickInput(page);
      return state.visible && matches(state) && state;
    },
    () => quickInput(page),
  );
}

/** `Create Chime Attendees (2/3)` → { step: 2, of: 3 }. */
function stepOf(title: string): { step: number; of: number } | undefined {
  const match = /\((\d+)\/(\d+)\)$/.exec(title);
  return match ? { step: Number(match[1]), of: Number(match[2]) } : undefined;
}

const statusBarText = (page: Page) => page.evaluate(() => document.querySelector<HTMLElement>('.part.statusbar')?.innerText ?? '');

/** Notification toasts on screen, each as its text (message, buttons, source). */
const toasts = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.notifications-toasts .notification-toast')].map((toast) => ({
      severe: !!toast.querySelector('.codicon-error, .codicon-warning'),
      text: toast.innerText.replace(/\s+/g, ' ').trim(),
    })),
  );

/**
 * Everything the window shows or would read out: rendered text, the values of every field that is
 * not a password box, and tooltips and accessible labels.
 */
const visibleText = (page: Page) =>
  page.evaluate(() => {
    const values = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')]
      .filter((field) => field.type !== 'password')
      .map((field) => field.value);
    const labels = [...document.querySelectorAll('[title], [aria-label]')].flatMap((element) => [
      element.getAttribute('title') ?? '',
      element.getAttribute('aria-label') ?? '',
    ]);
    return [document.body.innerText, ...values, ...labels].join('\n');
  });

async function assertTokenNotShown(page: Page, when: string): Promise<void> {
  assert.ok(!(await visibleText(page)).includes(TOKEN), `the worker token is visible in the window ${when}`);
}

async function typeLikeAPerson(page: Page, text: string): Promise<void> {
  await page.keyboard.type(text, { delay: 15 });
}

/** The workbench's modal dialog (a modal showWarningMessage), as its text with the buttons. */
const dialogText = (page: Page) =>
  page.evaluate(() => document.querySelector<HTMLElement>('.monaco-dialog-box')?.innerText.replace(/\s+/g, ' ').trim() ?? '');

/** What the page's clipboard holds (the extension writes it through vscode.env.clipboard). */
const clipboardText = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

/** A button of the quick input's title bar, by its tooltip. */
async function clickTitleButton(page: Page, tooltip: string): Promise<void> {
  const button = page.locator(`.quick-input-widget .action-label:is([aria-label="${tooltip}"], [title="${tooltip}"])`).first();
  await button.click({ timeout: UI_MS });
}

/** A button of one list row (shown on hover), by the row's label and the button's tooltip. */
async function clickRowButton(page: Page, label: string, tooltip: string): Promise<void> {
  const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const row = page
    .locator('.quick-input-widget .quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: exact }) })
    .first();
  await row.hover({ timeout: UI_MS });
  await row.locator(`.action-label:is([aria-label="${tooltip}"], [title="${tooltip}"])`).first().click({ timeout: UI_MS });
}

/**
 * The meeting step of any command: types the meeting ID and accepts it once the extension offers it
 * (typed, or as recent once a command has used it). A step count shows only in commands of several steps.
 */
async function enterMeeting(page: Page, title: string, meetingId: string): Promise<void> {
  await quickInputWhere(
    page,
    `the meeting step of ${title}`,
    (s) => s.title.startsWith(title) && (stepOf(s.title)?.step ?? 1) === 1 && s.placeholder.includes('meeting ID'),
  );
  await typeLikeAPerson(page, meetingId);
  await quickInputWhere(page, 'the meeting ID offered and focused', (s) => s.rows.some((row) => row.label === meetingId && row.focused));
  await page.keyboard.press('Enter');
}

/** Waits for a list titled `title`; a failure the extension shows instead ends the wait at once. */
function resultsTitled(page: Page, title: string, rows?: number): Promise<QuickInputState> {
  return until(
    `"${title}"`,
    RESULT_MS,
    async () => {
      const failure = (await toasts(page)).find((toast) => toast.severe && toast.text.includes('Chime'));
      if (failure) throw new Error(`the extension reported a failure: ${failure.text}`);
      const state = await quickInput(page);
      return state.visible && state.title === title && (rows === undefined || state.rows.length === rows) && state;
    },
    async () => ({ quickInput: await quickInput(page), toasts: await toasts(page), dialog: await dialogText(page) }),
  );
}

async function closeQuickInput(page: Page, what: string): Promise<void> {
  await page.keyboard.press('Escape');
  await until(
    `${what} to close`,
    UI_MS,
    async () => !(await quickInput(page)).visible,
    () => quickInput(page),
  );
}

interface EmulatorMeeting {
  MeetingId: string;
  ExternalMeetingId: string;
  Deleted: boolean;
  Attendees: { AttendeeId: string; ExternalUserId: string }[];
}

async function emulatorMeeting(meetingId: string): Promise<EmulatorMeeting> {
  const response = await fetch(`${live.stack!.emulator.url}/_emulator/state`, { signal: AbortSignal.timeout(10_000) });
  const state = (await response.json()) as { meetings: EmulatorMeeting[] };
  const meeting = state.meetings.find((m) => m.MeetingId === meetingId);
  assert.ok(meeting, `meeting ${meetingId} is in the emulator`);
  return meeting;
}

// ---------------------------------------------------------------------------------------------
// The Chime sidebar

/** Opens the Chime view container from its activity-bar icon, as a person would. */
async function openChimeView(page: Page): Promise<void> {
  const icon = page.locator('.part.activitybar .action-item [aria-label^="Chime"]').first();
  await icon.click({ timeout: UI_MS });
  const title = () => page.evaluate(() => document.querySelector<HTMLElement>('.part.sidebar .composite.title')?.innerText ?? '');
  await until('the Chime: Meetings view', UI_MS, async () => /chime: meetings/i.test(await title()), title);
  // Wider, as a person would drag it, so each meeting's state and slots show beside its name.
  const sidebar = await page.locator('.part.sidebar').first().boundingBox();
  if (sidebar) {
    const y = sidebar.y + sidebar.height / 2;
    await page.mouse.move(sidebar.x + sidebar.width + 1, y);
    await page.mouse.down();
    await page.mouse.move(sidebar.x + sidebar.width + 180, y, { steps: 8 });
    await page.mouse.up();
  }
}

/** A button of the sidebar's title bar (or its view's header), by its tooltip. */
async function clickSidebarAction(page: Page, tooltip: string): Promise<void> {
  await page.locator('.part.sidebar').first().hover({ timeout: UI_MS });
  await page.locator(`.part.sidebar .action-label:is([aria-label="${tooltip}"], [title="${tooltip}"])`).first().click({ timeout: UI_MS });
}

/** The sidebar tree's rows, each as its label and description. */
const treeRows = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.part.sidebar .monaco-list-row')].map((row) => ({
      label: (row.querySelector('.label-name')?.textContent ?? '').trim(),
      description: (row.querySelector('.label-description')?.textContent ?? '').trim(),
    })),
  );

/** An inline action of one tree row (shown on hover), by the row's label and the action's tooltip. */
async function clickTreeRowAction(page: Page, label: string, tooltip: string): Promise<void> {
  const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const row = page.locator('.part.sidebar .monaco-list-row', { has: page.locator('.label-name', { hasText: exact }) }).first();
  await row.hover({ timeout: UI_MS });
  await row.locator(`.action-label:is([aria-label="${tooltip}"], [title="${tooltip}"])`).first().click({ timeout: UI_MS });
}

async function emulatorMeetings(): Promise<EmulatorMeeting[]> {
  const response = await fetch(`${live.stack!.emulator.url}/_emulator/state`, { signal: AbortSignal.timeout(10_000) });
  return ((await response.json()) as { meetings: EmulatorMeeting[] }).meetings;
}

// ---------------------------------------------------------------------------------------------
// The test

describe(
  'Chime: Create Attendees… in a real VS Code (code-server + headless Chromium)',
  { timeout: SETUP_MS + 13 * STEP_MS + 5 * CLOSE_MS },
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
          // The package (build included: vsce runs vscode:prepublish) and the stack start together.
          const [packaged, stack] = await Promise.allSettled([
            timed('build and package the .vsix', () =>
              run('npm', ['--prefix', 'extension', 'run', 'package', '--', '--out', vsix], 180_000),
            ),
            // The run's one meeting must outlast a slow setup, longer than a meeting's 5 minutes.
            timed('start worker (wrangler dev) and emulator', () =>
              tracked(() => startLocalStack({ vars: { API_TOKENS: TOKEN }, meetingAutoEndMs: 60 * 60_000 })).then((s) => (live.stack = s)),
            ),
          ]);
          if (packaged.status === 'rejected') throw packaged.reason;
          if (stack.status === 'rejected') throw stack.reason;
          const { workerUrl, emulator } = live.stack!;

          const created = await fetch(`${emulator.url}/_emulator/meetings`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
          assert.equal(created.status, 200, 'the emulator creates a meeting');
          meetingId = ((await created.json()) as { Meeting: { MeetingId: string } }).Meeting.MeetingId;

          await timed('install the .vsix', () => tracked(() => installExtension(vsix, extensionsDir, { userDataDir, timeoutMs: 120_000 })));
          await mkdir(join(userDataDir, 'User'), { recursive: true });
          await writeFile(
            join(userDataDir, 'User', 'settings.json'),
            JSON.stringify(
              {
                'chimeAttendees.workerUrl': workerUrl,
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
      assert.ok(box.message.includes(live.stack!.workerUrl), `the prompt names the worker from the user settings: ${box.message}`);

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
      const results = await until(
        `"${expectedTitle}"`,
        RESULT_MS,
        async () => {
          const failure = (await toasts(page)).find((toast) => toast.severe && toast.text.includes('Chime'));
          if (failure) throw new Error(`the extension reported a failure: ${failure.text}`);
          const state = await quickInput(page);
          return state.visible && state.title === expectedTitle && state.rows.length === EXTERNAL_USER_IDS.length && state;
        },
        async () => ({ quickInput: await quickInput(page), toasts: await toasts(page) }),
      );

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
      const response = await fetch(`${live.stack!.emulator.url}/_emulator/state`, { signal: AbortSignal.timeout(10_000) });
      const state = (await response.json()) as { meetings: EmulatorMeeting[] };
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
      const logText = () =>
        page.evaluate(() =>
          (document.querySelector<HTMLElement>('.part.panel .monaco-editor .view-lines')?.innerText ?? '').replace(/\u00a0/g, ' '),
        );
      const log = await until(
        `"${summary}" in the log`,
        UI_MS,
        async () => {
          const text = await logText();
          return text.includes(summary) && text;
        },
        logText,
      );
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
      const logText = () =>
        page.evaluate(() =>
          (document.querySelector<HTMLElement>('.part.panel .monaco-editor .view-lines')?.innerText ?? '').replace(/\u00a0/g, ' '),
        );
      const log = await until(
        `"${deleted}" in the log`,
        UI_MS,
        async () => {
          const text = await logText();
          return text.includes(deleted) && text;
        },
        logText,
      );
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
      assert.ok(
        status.includes(`${new URL(live.stack!.workerUrl).host} · chime-sdk-meetings`),
        `the status bar names the worker: ${status}`,
      );

      const created = (await emulatorMeetings()).find((m) => m.ExternalMeetingId === SIDEBAR_MEETING);
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
      const screenshot = join(ARTIFACTS, 'sidebar.png');
      await page.mouse.move(600, 700);
      await page.screenshot({ path: screenshot });
      if (process.env.E2E_UPDATE_SCREENSHOT === '1') {
        await copyFile(screenshot, README_SIDEBAR_SCREENSHOT);
        console.log(`[e2e] copied to ${README_SIDEBAR_SCREENSHOT}`);
      }
    });

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

/** The image's address once it has loaded with a size, else undefined. */
function loadedImage(img: Element): { src: string } | undefined {
  const image = img as HTMLImageElement;
  return image.complete && image.naturalWidth > 0 ? { src: image.currentSrc || image.src } : undefined;
}

/** A screenshot of the window and code-server's log, for a step that failed. */
async function keepFailureArtifacts(page: Page | undefined, name: string): Promise<void> {
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
