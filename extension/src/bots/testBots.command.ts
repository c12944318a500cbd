import * as vscode from 'vscode';
import type { Capabilities, ChimeApi } from '../../../shared/index.ts';
import { askAttendeeOptions } from '../create/askAttendeeOptions.ui.ts';
import { SILENT_BOT } from '../create/capabilityPresets.ts';
import { previewPattern } from '../create/testPattern.ts';
import type { Deps } from '../deps.ts';
import { askMeetingId } from '../meeting/askMeetingId.ui.ts';
import { freeSlots } from '../meeting/freeSlots.ts';
import { meetingIdArgument } from '../meeting/meetingId.ts';
import { plural } from '../plural.ts';
import { SECTION } from '../settings.ts';
import { askPick } from '../ui/askPick.ui.ts';
import { askText } from '../ui/askText.ui.ts';
import { runInputSteps, type StepAt } from '../ui/quickInput.ui.ts';
import { requestForMeeting } from '../ui/request.ui.ts';
import { keep } from '../ui/steps.ts';
import { withCancellableProgress, type ProgressReport } from '../ui/withCancellableProgress.ui.ts';
import { whenWorkerReady } from '../ui/workerReady.ui.ts';
import { deleteAttendees } from '../worker/client.ts';
import type { BotRuns } from './botRuns.ts';
import { findBrowser } from './browser.ts';
import { BOT_DURATIONS, checkBotCount, checkBotPrefix, DEFAULT_BOT_PREFIX, mostBots } from './launchChoices.ts';
import { createBots, LaunchError, startBots, type LaunchOptions } from './runner.ts';
import { countStates, type BotStatus } from './states.ts';

const LAUNCH_TITLE = 'Launch Chime Test Bots';
const STOP_TITLE = 'Stop Chime Test Bots';
const BROWSER_SETTING = `${SECTION}.bots.browserPath`;
const OPEN_SETTING = 'Open Setting';
const DELETE = 'Delete Attendees';

export function registerTestBots(context: vscode.ExtensionContext, deps: Deps, runs: BotRuns): void {
  const bundlePath = context.asAbsolutePath('dist/bots/bot.js');
  context.subscriptions.push(
    vscode.commands.registerCommand('chimeAttendees.launchTestBots', (node?: unknown) =>
      launchTestBots(deps, runs, bundlePath, meetingIdArgument(node)),
    ),
    vscode.commands.registerCommand('chimeAttendees.stopTestBots', (node?: unknown) => stopTestBots(deps, runs, meetingIdArgument(node))),
  );
}

interface BotAnswers {
  meetingId: string;
  count: number;
  prefix: string;
  capabilities: Capabilities | undefined;
  seconds: number;
}

/**
 * Bots that join: how many (bounded by the meeting's free slots), their prefix, capabilities and stay, then
 * their attendees created through the worker and their pages opened in a headless browser, under a
 * cancellable notification. The Meetings tree shows each bot's state as its runner reports it.
 */
async function launchTestBots(deps: Deps, runs: BotRuns, bundlePath: string, given: string | undefined): Promise<void> {
  const browser = deps.settings.current().botsBrowserPath;
  const executable = findBrowser(browser);
  if (!executable) return noBrowser(browser);
  const api = await whenWorkerReady(deps);
  if (!api) return;
  const answers = await askLaunch(deps, api, given);
  if (!answers) return;
  const { meetingId, count } = answers;
  if (runs.bots(meetingId).length) {
    void vscode.window.showWarningMessage(`Meeting ${meetingId} already runs test bots: Stop Test Bots first.`);
    return;
  }
  const { workerUrl, timeoutSeconds } = deps.settings.current();
  const worker = { baseUrl: workerUrl, token: await deps.tokens.get(), timeoutMs: timeoutSeconds * 1000 };
  const options: LaunchOptions = { worker, ...answers, browser: executable, bundlePath, onChange: (bots) => runs.track(meetingId, bots) };
  deps.log.info(`meeting ${meetingId}: launching ${plural(count, 'test bot')}`);
  const title = `Launching ${plural(count, 'test bot')} in meeting ${meetingId}…`;
  const launched = await withCancellableProgress(title, (signal, progress) => launch(deps, runs, { ...options, signal }, progress));
  if ('failed' in launched) {
    deps.log.warn(`meeting ${meetingId}: test bots not launched: ${launched.failed}`);
    void vscode.window.showErrorMessage(`Test bots not launched: ${launched.failed}`);
    return;
  }
  // The tree lists the bots' new attendees (once) and shows each bot's state from now on.
  await deps.recentMeetings.remember(meetingId);
  if ('started' in launched) return deps.log.info(`meeting ${meetingId}: ${plural(launched.started, 'test bot')} started`);
  deps.log.info(`meeting ${meetingId}: launching test bots cancelled`);
  await offerDeletion(deps, meetingId, launched.cancelled, `Cancelled: no test bot runs in meeting ${meetingId}.`);
}

/** How a launch ended: its browsers started, cancelled (with the bots whose attendees exist), or refused. */
type Launched = { started: number } | { cancelled: readonly BotStatus[] } | { failed: string };

/** Creates the bots' attendees, then starts their browser; a cancel before that starts nothing, after it stops them. */
async function launch(
  deps: Deps,
  runs: BotRuns,
  options: LaunchOptions & { signal: AbortSignal },
  progress: ProgressReport,
): Promise<Launched> {
  const { meetingId, signal } = options;
  try {
    progress.report({ message: 'creating their attendees' });
    const prepared = await createBots(options);
    if (signal.aborted) return { cancelled: prepared.bots };
    runs.track(meetingId, prepared.bots);
    progress.report({ message: 'starting their browser' });
    const run = await startBots(prepared, options);
    runs.add(meetingId, run);
    void run.settled.then((bots) => deps.log.info(`meeting ${meetingId}: test bots over: ${countStates(bots)}`));
    if (!signal.aborted) return { started: run.bots().length };
    return { cancelled: (await runs.stop(meetingId))?.bots ?? prepared.bots };
  } catch (error) {
    if (signal.aborted) return { cancelled: [] };
    if (error instanceof LaunchError) return { failed: error.message };
    throw error;
  }
}

async function askLaunch(deps: Deps, api: ChimeApi, given: string | undefined): Promise<BotAnswers | undefined> {
  const answers: BotAnswers = { meetingId: given ?? '', count: 3, prefix: DEFAULT_BOT_PREFIX, capabilities: undefined, seconds: 60 };
  const free = new Map<string, Promise<number | undefined>>();
  const freeIn = (meetingId: string) => free.get(meetingId) ?? free.set(meetingId, freeSlots(deps, meetingId)).get(meetingId)!;
  const answered = await runInputSteps([
    ...(given
      ? []
      : [
          (at: StepAt) =>
            askMeetingId(LAUNCH_TITLE, deps.recentMeetings, answers.meetingId, at).then(keep((id) => (answers.meetingId = id))),
        ]),
    async (at) => {
      const slots = await freeIn(answers.meetingId);
      const most = mostBots(slots);
      if (most === 0) {
        void vscode.window.showWarningMessage(
          `Meeting ${answers.meetingId} has no free slot for a bot: Delete Test Attendees… frees some.`,
        );
        return 'cancel';
      }
      const room = slots === undefined ? '' : `; the meeting has ${plural(slots, 'slot')} free`;
      const question = {
        title: LAUNCH_TITLE,
        prompt: `How many test bots (1 to ${most}), each a tab of a headless browser${room}`,
        value: String(Math.max(1, Math.min(answers.count, most))),
        check: (text: string) => checkBotCount(text, most, slots),
      };
      return askText(question, at).then(keep((text) => (answers.count = Number(text.trim()))));
    },
    (at) =>
      askText(
        {
          title: LAUNCH_TITLE,
          prompt: 'ExternalUserId prefix: each bot is the prefix and its number',
          value: answers.prefix,
          check: (text) => checkBotPrefix(text.trim(), answers.count),
          hint: (text) => `Makes ${previewPattern(`${text.trim()}{n}`, answers.count)}`,
        },
        at,
      ).then(keep((text) => (answers.prefix = text.trim()))),
    // The legacy API takes no capabilities: its bots send and receive everything.
    ...(api === 'chime'
      ? []
      : [
          (at: StepAt) =>
            askAttendeeOptions(LAUNCH_TITLE, api, deps.settings.current(), at, SILENT_BOT).then(
              keep((options) => (answers.capabilities = options.Capabilities)),
            ),
        ]),
    (at) =>
      askPick({ title: LAUNCH_TITLE, placeholder: 'How long each bot stays once joined', items: BOT_DURATIONS }, at).then(
        keep((duration) => (answers.seconds = duration.seconds)),
      ),
  ]);
  return answered ? answers : undefined;
}

async function noBrowser(given: string | undefined): Promise<void> {
  const why = given ? `${given} (the ${BROWSER_SETTING} setting) is not an executable file` : 'no Chromium, Chrome or Edge is on PATH';
  const message = `Test bots need a Chromium, Chrome or Edge to run in: ${why}. Set its path in ${BROWSER_SETTING}.`;
  if ((await vscode.window.showErrorMessage(message, OPEN_SETTING)) === OPEN_SETTING) {
    await vscode.commands.executeCommand('workbench.action.openSettings', BROWSER_SETTING);
  }
}

/** Every bot leaves, every tab and browser closes; then deleting the bots' attendees, to free their slots, is offered. */
async function stopTestBots(deps: Deps, runs: BotRuns, given: string | undefined): Promise<void> {
  const meetingId = given ?? (await pickRunningMeeting(runs));
  if (!meetingId) return;
  const count = runs.bots(meetingId).length;
  if (!count) {
    void vscode.window.showInformationMessage(`Meeting ${meetingId} runs no test bots.`);
    return;
  }
  // Not cancellable: what it waits for (the bots leaving, then their browsers closing) is bounded by the runner.
  const stopping = runs.stop(meetingId);
  vscode.window.setStatusBarMessage(`$(sync~spin) Stopping ${plural(count, 'test bot')} in meeting ${meetingId}…`, stopping);
  const stopped = await stopping;
  deps.log.info(`meeting ${meetingId}: ${plural(count, 'test bot')} stopped, their browsers closed`);
  await deps.recentMeetings.remember(meetingId);
  await offerDeletion(deps, meetingId, stopped?.bots ?? [], `Stopped ${plural(count, 'test bot')} in meeting ${meetingId}.`);
}

/** Offers to delete the bots' attendees, which hold their slots until deleted. */
async function offerDeletion(deps: Deps, meetingId: string, bots: readonly BotStatus[], said: string): Promise<void> {
  const attendeeIds = bots.flatMap((bot) => (bot.attendeeId ? [bot.attendeeId] : []));
  if (!attendeeIds.length) return;
  const offer = `${said} Delete their ${plural(attendeeIds.length, 'attendee')} to free the slots?`;
  if ((await vscode.window.showInformationMessage(offer, DELETE)) !== DELETE) return;
  const deleted = await requestForMeeting(deps, meetingId, {
    title: `Deleting ${plural(attendeeIds.length, 'attendee')} of the test bots…`,
    what: `deleting the test bots' ${plural(attendeeIds.length, 'attendee')}`,
    call: (target, signal) => deleteAttendees(target, meetingId, { AttendeeIds: attendeeIds }, signal),
  });
  if (!deleted.ok) return;
  await deps.recentMeetings.remember(meetingId);
  const failed = deleted.value.Errors.length ? `; ${deleted.value.Errors.length} not deleted` : '';
  vscode.window.setStatusBarMessage(
    `$(check) Deleted ${plural(deleted.value.Deleted.length, 'attendee')} from meeting ${meetingId}${failed}`,
    10_000,
  );
}

/** From the Command Palette: the meeting, among those that run bots (the only one, without asking). */
async function pickRunningMeeting(runs: BotRuns): Promise<string | undefined> {
  const meetings = runs.meetings();
  if (meetings.length <= 1) {
    if (!meetings.length) void vscode.window.showInformationMessage('No test bots are running.');
    return meetings[0];
  }
  let chosen: string | undefined;
  const items = meetings.map((meetingId) => ({ label: meetingId, description: plural(runs.bots(meetingId).length, 'test bot') }));
  await runInputSteps([
    (at) =>
      askPick({ title: STOP_TITLE, placeholder: 'The meeting whose test bots stop', items }, at).then(
        keep((item) => (chosen = item.label)),
      ),
  ]);
  return chosen;
}
