import { randomUUID } from 'node:crypto';
import { createAttendees, deleteAttendees, getMeeting, type WorkerTarget } from '../worker/client.ts';
import { failureDetail } from '../worker/failureText.ts';
import { findBrowser, startBrowser, BROWSER_NAMES, type RunningBrowser } from './browser.ts';
import { startPageServer, type PageServer } from './pageServer.ts';
import type { BotCapabilities, BotJoin } from './protocol.ts';
import { applyReport, failUnlessOver, intoBrowsers, isTerminal, type BotStatus } from './states.ts';

/*
 * Test bots that join: their attendees created through the worker, their pages served on 127.0.0.1, a
 * bounded number of tabs per headless browser, their states tracked until each is over, and everything
 * stopped and removed at the end. No vscode import: the CLI and the extension both drive it.
 */

export interface LaunchOptions {
  worker: WorkerTarget;
  meetingId: string;
  /** 1 to 250 bots, named `${prefix}1`, `${prefix}2`, … (their ExternalUserIds). */
  count: number;
  prefix: string;
  /** How long each bot stays once joined. */
  seconds: number;
  /** The bots' attendees' capabilities; the service's default (all SendReceive) when absent. */
  capabilities?: BotCapabilities | undefined;
  /** The browser's executable; else the first of BROWSER_NAMES on PATH. */
  browser?: string | undefined;
  /** Tabs (bots) per browser, 1 to 16; more bots start more browsers. Default 10. */
  tabsPerBrowser?: number | undefined;
  /** The bot page's bundle (dist/bots/bot.js). */
  bundlePath: string;
  /** A bot whose page has not reported within this is failed. Default 60 s. */
  reportTimeoutMs?: number | undefined;
  /** Aborts reading the meeting and creating the bots' attendees. */
  signal?: AbortSignal | undefined;
  /** Called with every bot after any of them changes. */
  onChange?: ((bots: BotStatus[]) => void) | undefined;
}

export interface StopResult {
  bots: BotStatus[];
  /** Attendees deleted, when asked; or why deleting failed. */
  deleted?: number | undefined;
  deleteFailure?: string | undefined;
}

export interface BotRun {
  bots(): BotStatus[];
  /** Resolves once every bot is over (left, media not emulated, or failed). */
  settled: Promise<BotStatus[]>;
  /** Asks every bot to leave, closes every tab and browser, and deletes the bots' attendees if asked. */
  stop(options?: { deleteAttendees?: boolean }): Promise<StopResult>;
}

export const DEFAULT_TABS_PER_BROWSER = 10;
/** Chromium opens at most 16 audio inputs at once per browser: a 17th bot's microphone fails ("Error fetching device."). */
export const MAX_TABS_PER_BROWSER = 16;
export const MAX_BOTS = 250;
const DEFAULT_REPORT_TIMEOUT_MS = 60_000;
/** How long stop() waits for bots to leave before it closes their browsers anyway. */
const LEAVE_TIMEOUT_MS = 10_000;
/** A joined bot has this long past its seconds to have left. */
const LEAVE_GRACE_MS = 30_000;

export class LaunchError extends Error {}

/** Bots whose attendees exist, not started yet: their states, and the join info their pages get. */
export interface PreparedBots {
  executable: string;
  bots: BotStatus[];
  joins: ReadonlyMap<string, BotJoin>;
}

/** Creates the bots' attendees, then starts them. */
export async function launchBots(options: LaunchOptions): Promise<BotRun> {
  return startBots(await createBots(options), options);
}

/** Checks the options, finds the browser, reads the meeting and creates the bots' attendees through the worker. */
export async function createBots(options: LaunchOptions): Promise<PreparedBots> {
  const { worker, meetingId, signal } = options;
  checkOptions(options);
  const executable = findBrowser(options.browser);
  if (!executable) {
    const looked = options.browser ? `${options.browser} is not an executable file` : `none of ${BROWSER_NAMES.join(', ')} is on PATH`;
    throw new LaunchError(`No Chromium, Chrome or Edge to run the bots in: ${looked}. Name one with the browser option.`);
  }
  const meeting = await getMeeting(worker, meetingId, signal);
  if (!meeting.ok) throw new LaunchError(`Meeting ${meetingId} could not be read: ${failureDetail(meeting.failure)}`);
  const externalUserIds = Array.from({ length: options.count }, (_, index) => `${options.prefix}${index + 1}`);
  const withCapabilities = options.capabilities ? { Capabilities: options.capabilities } : {};
  const Attendees = externalUserIds.map((ExternalUserId) => ({ ExternalUserId, ...withCapabilities }));
  const created = await createAttendees(worker, meetingId, { Attendees }, signal);
  if (!created.ok) throw new LaunchError(`The bots' attendees could not be created: ${failureDetail(created.failure)}`);

  const joins = new Map<string, BotJoin>();
  const bots: BotStatus[] = externalUserIds.map((externalUserId) => {
    const attendee = created.value.Attendees.find((candidate) => candidate.ExternalUserId === externalUserId);
    const error = created.value.Errors?.find((candidate) => candidate.ExternalUserId === externalUserId);
    const id = randomUUID();
    if (!attendee) {
      const why = error ? `${error.ErrorCode}: ${error.ErrorMessage}` : 'no answer';
      return { id, externalUserId, state: 'failed', detail: `not created: ${why}` };
    }
    joins.set(id, { Meeting: meeting.value.Meeting, Attendee: attendee, seconds: options.seconds });
    return { id, externalUserId, attendeeId: attendee.AttendeeId, state: 'starting' };
  });
  return { executable, bots, joins };
}

/** Serves the bots' pages and opens them, a bounded number of tabs per browser; tracks them until stopped. */
export async function startBots(prepared: PreparedBots, options: LaunchOptions): Promise<BotRun> {
  const { worker, meetingId } = options;
  const { executable, joins } = prepared;
  let { bots } = prepared;
  const reported = new Set<string>();
  let leaving = false;
  let resolveSettled!: (bots: BotStatus[]) => void;
  const settled = new Promise<BotStatus[]>((resolve) => (resolveSettled = resolve));

  const update = (change: (bot: BotStatus) => BotStatus, ids?: ReadonlySet<string>) => {
    const next = bots.map((bot) => (ids && !ids.has(bot.id) ? bot : change(bot)));
    if (next.every((bot, index) => bot === bots[index])) return;
    bots = next;
    options.onChange?.(bots);
    if (bots.every((bot) => isTerminal(bot.state))) resolveSettled(bots);
  };
  if (bots.every((bot) => isTerminal(bot.state))) resolveSettled(bots);

  const startable = bots.filter((bot) => joins.has(bot.id)).map((bot) => bot.id);
  const grouped = intoBrowsers(startable, options.tabsPerBrowser ?? DEFAULT_TABS_PER_BROWSER);
  const groups = new Map(grouped.map((ids) => [randomUUID() as string, ids]));
  const server: PageServer = await startPageServer(options.bundlePath, {
    join: (id) => joins.get(id),
    launch: (browserId) => groups.get(browserId),
    control: (id) => (joins.has(id) ? { leave: leaving } : undefined),
    report: (id, report) => {
      if (!joins.has(id)) return false;
      reported.add(id);
      update((bot) => applyReport(bot, report), new Set([id]));
      return true;
    },
  });

  const browsers: RunningBrowser[] = [];
  /** Starts the browsers one after another; one stop() asks for is not started. */
  const starting = (async () => {
    for (const [browserId, ids] of groups) {
      if (leaving) {
        update((bot) => failUnlessOver(bot, 'stopped before its browser started'), new Set(ids));
        continue;
      }
      const browser = await startBrowser(executable, `${server.url}/launch?browser=${browserId}`);
      browsers.push(browser);
      void browser.exited.then(() => update((bot) => failUnlessOver(bot, 'its browser exited'), new Set(ids)));
    }
  })();
  const stopBrowsers = async () => {
    await starting.catch(() => {});
    await Promise.all(browsers.map((browser) => browser.stop()));
    await server.close();
  };
  try {
    await starting;
  } catch (error) {
    // Nothing half started is left behind: the browsers already up and the page server go too.
    await stopBrowsers();
    throw error;
  }
  const reportTimeoutMs = options.reportTimeoutMs ?? DEFAULT_REPORT_TIMEOUT_MS;
  const timers = [
    setTimeout(() => update((bot) => (reported.has(bot.id) ? bot : failUnlessOver(bot, 'its page never reported'))), reportTimeoutMs),
    setTimeout(
      () => update((bot) => failUnlessOver(bot, 'it did not leave in time')),
      reportTimeoutMs + options.seconds * 1_000 + LEAVE_GRACE_MS,
    ),
  ];

  let stopping: Promise<StopResult> | undefined;
  const stop = (stopOptions: { deleteAttendees?: boolean } = {}) =>
    (stopping ??= (async (): Promise<StopResult> => {
      leaving = true;
      const waited = setTimeout(() => update((bot) => failUnlessOver(bot, 'stopped before it left')), LEAVE_TIMEOUT_MS);
      await settled;
      clearTimeout(waited);
      for (const timer of timers) clearTimeout(timer);
      await stopBrowsers();
      if (!stopOptions.deleteAttendees) return { bots };
      return { bots, ...(await deleteBots(worker, meetingId, bots)) };
    })());

  return { bots: () => bots, settled, stop };
}

function checkOptions({ count, prefix, seconds, tabsPerBrowser }: LaunchOptions): void {
  if (!Number.isInteger(count) || count < 1 || count > MAX_BOTS) {
    throw new LaunchError(`count must be a whole number from 1 to ${MAX_BOTS}`);
  }
  if (prefix.length < 1 || prefix.length > 60) throw new LaunchError('prefix must be 1 to 60 characters (an ExternalUserId is at most 64)');
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 86_400) throw new LaunchError('seconds must be from 0 to 86400');
  if (tabsPerBrowser !== undefined && (!Number.isInteger(tabsPerBrowser) || tabsPerBrowser < 1 || tabsPerBrowser > MAX_TABS_PER_BROWSER)) {
    const rule = `a whole number from 1 to ${MAX_TABS_PER_BROWSER} (Chromium opens at most ${MAX_TABS_PER_BROWSER} microphones)`;
    throw new LaunchError(`tabsPerBrowser must be ${rule}`);
  }
}

async function deleteBots(worker: WorkerTarget, meetingId: string, bots: BotStatus[]): Promise<Omit<StopResult, 'bots'>> {
  const AttendeeIds = bots.flatMap((bot) => (bot.attendeeId ? [bot.attendeeId] : []));
  if (AttendeeIds.length === 0) return { deleted: 0 };
  const result = await deleteAttendees(worker, meetingId, { AttendeeIds });
  if (!result.ok) return { deleteFailure: failureDetail(result.failure) };
  const { Deleted, Errors } = result.value;
  return { deleted: Deleted.length, ...(Errors.length ? { deleteFailure: `${Errors.length} not deleted` } : {}) };
}
