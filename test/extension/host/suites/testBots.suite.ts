import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import type { BotRuns } from '../../../../extension/src/bots/botRuns.ts';
import { findBrowser } from '../../../../extension/src/bots/browser.ts';
import { isTerminal, type BotStatus } from '../../../../extension/src/bots/states.ts';
import { botBrowserPids } from '../../../tools/bot-processes.ts';
import { hooks, setSetting, withTimeout } from '../support/extension.ts';
import { runCommand } from '../support/session.ts';
import { accept, hide, meeting, message, pick } from '../support/steps.ts';
import { childRows, describeRow, meetingRow, withEmulator } from '../support/tree.ts';
import { fillMeeting, runTag } from '../support/worker.ts';

/*
 * Launch Test Bots… and Stop Test Bots from a meeting's row, against the local stack: the real runner starts
 * real headless Chromium, whose bot pages open the SDK's signaling WebSocket on the emulator.
 */

const BOTS_MS = 90_000;

interface EmulatorJoin {
  AttendeeId?: string;
  MeetingId?: string;
  JoinTokenMatches: boolean;
}

async function emulatorJoins(emulatorUrl: string, meetingId: string): Promise<EmulatorJoin[]> {
  const state = (await (await fetch(`${emulatorUrl}/_emulator/state`)).json()) as { joins: EmulatorJoin[] };
  return state.joins.filter((join) => join.MeetingId === meetingId);
}

/** Resolves with the meeting's bots once `done` holds for them, told by the runs' change events (no polling). */
function whenBots(runs: BotRuns, meetingId: string, what: string, done: (bots: readonly BotStatus[]) => boolean) {
  const settled = new Promise<readonly BotStatus[]>((resolve) => {
    const check = () => {
      const bots = runs.bots(meetingId);
      if (!done(bots)) return;
      stop();
      resolve(bots);
    };
    const stop = runs.onChange((changed) => changed === meetingId && check());
    check();
  });
  return withTimeout(settled, BOTS_MS, `the bots of meeting ${meetingId}: ${what} never came`);
}

/** The launch steps from a meeting's row: count, prefix, capabilities, stay. */
const launchSteps = (count: number, prefix: string) => [accept(String(count)), accept(prefix), pick('Silent bot'), pick('5 minutes')];

describe('Chime: Launch Test Bots… and Stop Test Bots, from the sidebar', function () {
  this.timeout(4 * BOTS_MS);
  const suite = withEmulator();
  let runs: BotRuns;

  before(async function () {
    const browser = findBrowser(process.env['CHIME_BOTS_BROWSER']);
    assert.ok(browser, 'no Chromium, Chrome or Edge on PATH (or set CHIME_BOTS_BROWSER) to run the bots in');
    await setSetting('bots.browserPath', browser);
    runs = (await hooks()).sidebar.bots;
  });
  after(async () => {
    await runs?.stopAll();
    assert.deepEqual(botBrowserPids(), [], 'no bot browser is left running');
  });

  /** A fresh meeting, shown in the tree (so a command can be run on its row). */
  async function meetingInTree(): Promise<{ meetingId: string; row: Awaited<ReturnType<typeof meetingRow>> }> {
    const meetingId = await suite.emulator.createMeeting();
    await runCommand('chimeAttendees.showMeeting', [meeting(meetingId), hide]);
    return { meetingId, row: await meetingRow(meetingId) };
  }

  it('launches bots on a meeting: each sends its JOIN with its own JoinToken, and the tree shows its state from the runner’s events', async () => {
    const { meetingId, row } = await meetingInTree();
    const prefix = `${runTag}-bot-`;
    const { ui } = await runCommand('chimeAttendees.launchTestBots', launchSteps(3, prefix), { args: [row.node] });
    const [count, named, capabilities, stay] = ui.inputs();
    assert.match(count?.prompt ?? '', /^How many test bots \(1 to 250\).*; the meeting has 250 slots free$/);
    assert.match(named?.prompt ?? '', new RegExp(`Makes ${prefix}1, ${prefix}2, ${prefix}3$`), 'the IDs it makes, as typed');
    assert.match(
      capabilities?.items?.[0] ?? '',
      /^Silent bot — Audio Receive · Video None · Content None/,
      'the silent bot is offered first',
    );
    assert.deepEqual(stay?.items, ['1 minute', '5 minutes', '15 minutes', '1 hour', 'Until stopped']);
    assert.deepEqual(ui.progressTitles, [`Launching 3 test bots in meeting ${meetingId}…`]);

    // Read once, after the launch (the meeting was remembered); the bots' states then come from events alone.
    await childRows((await meetingRow(meetingId)).node);
    const reads = async () => [await suite.emulator.calls('GetMeeting'), await suite.emulator.calls('ListAttendees')];
    const before = await reads();
    const bots = await whenBots(runs, meetingId, 'all over', (all) => all.length === 3 && all.every((bot) => isTerminal(bot.state)));
    const rows = await childRows((await meetingRow(meetingId)).node);
    const after = await reads();
    assert.deepEqual(after, before, 'state changes read nothing (GetMeeting, ListAttendees)');

    assert.deepEqual(
      rows.map(describeRow),
      [1, 2, 3].map((n) => `${prefix}${n} — signaling reached, media not emulated`),
      'each bot once, its state said plainly, never "joined"',
    );
    assert.ok(rows.every(({ item }) => item.contextValue === 'bot'));
    const attendeeIds = bots.map((bot) => bot.attendeeId!);
    assert.deepEqual(new Set(attendeeIds).size, 3);
    assert.deepEqual((await suite.emulator.attendees(meetingId)).map((a) => a.AttendeeId).sort(), [...attendeeIds].sort());
    const joins = await emulatorJoins(suite.emulator.url, meetingId);
    assert.deepEqual(joins.map((join) => join.AttendeeId).sort(), [...attendeeIds].sort(), 'one JOIN per bot, each with its attendee');
    assert.ok(
      joins.every((join) => join.JoinTokenMatches),
      "each JOIN carried its attendee's JoinToken",
    );
    assert.match(describeRow(await meetingRow(meetingId)), / — live · 3 of 250 slots used · 3 test bots$/);
    assert.equal((await meetingRow(meetingId)).item.contextValue, 'meeting.live.bots');

    const stopped = await runCommand('chimeAttendees.stopTestBots', [message('Delete Attendees')], {
      args: [(await meetingRow(meetingId)).node],
    });
    assert.match(
      stopped.ui.messages()[0]?.message ?? '',
      new RegExp(`^Stopped 3 test bots in meeting ${meetingId}\\. Delete their 3 attendees`),
    );
    assert.deepEqual(botBrowserPids(), []);
    assert.deepEqual(await suite.emulator.attendees(meetingId), [], "the bots' attendees were deleted");
    assert.deepEqual(runs.bots(meetingId), []);
    assert.equal((await meetingRow(meetingId)).item.contextValue, 'meeting.live');
  });

  it('Stop Test Bots, while the bots start, closes every tab and browser: no process is left', async () => {
    const { meetingId, row } = await meetingInTree();
    await runCommand('chimeAttendees.launchTestBots', launchSteps(2, `${runTag}-stop-`), { args: [row.node] });
    assert.ok(botBrowserPids().length > 0, 'the bots’ browser runs');
    // The deletion offer is dismissed: the attendees stay.
    await runCommand('chimeAttendees.stopTestBots', [message()], { args: [(await meetingRow(meetingId)).node] });
    assert.deepEqual(botBrowserPids(), []);
    assert.equal((await suite.emulator.attendees(meetingId)).length, 2);
    assert.deepEqual(runs.bots(meetingId), []);
  });

  it('cancelling the launch before its attendees are created starts nothing and creates nothing', async () => {
    const { meetingId, row } = await meetingInTree();
    await runCommand('chimeAttendees.launchTestBots', launchSteps(2, `${runTag}-cancel-`), { args: [row.node], cancelProgressAfterMs: 0 });
    assert.deepEqual(runs.bots(meetingId), []);
    assert.deepEqual(await suite.emulator.attendees(meetingId), []);
    assert.deepEqual(botBrowserPids(), []);
  });

  it('says so when the meeting has no free slot for a bot, and asks nothing more', async () => {
    const { meetingId, row } = await meetingInTree();
    await fillMeeting(
      suite.worker,
      meetingId,
      Array.from({ length: 250 }, (_, index) => `${runTag}-full-${index + 1}`),
    );
    const { ui } = await runCommand('chimeAttendees.launchTestBots', [message()], { args: [row.node] });
    assert.deepEqual(ui.inputs(), []);
    assert.equal(ui.messages()[0]?.message, `Meeting ${meetingId} has no free slot for a bot: Delete Test Attendees… frees some.`);
    assert.deepEqual(runs.bots(meetingId), []);
  });

  it('stops the bots when their meeting is ended', async () => {
    const { meetingId, row } = await meetingInTree();
    // The prefix offered, bot-, taken as it is.
    const [count, , ...rest] = launchSteps(2, '');
    await runCommand('chimeAttendees.launchTestBots', [count!, accept(), ...rest], { args: [row.node] });
    assert.deepEqual(
      runs.bots(meetingId).map((bot) => bot.externalUserId),
      ['bot-1', 'bot-2'],
    );
    assert.ok(botBrowserPids().length > 0, 'the bots’ browser runs');
    const gone = whenBots(runs, meetingId, 'stopped', (bots) => bots.length === 0);
    await runCommand('chimeAttendees.endMeeting', [message('End Meeting')], { args: [(await meetingRow(meetingId)).node] });
    await gone;
    assert.deepEqual(botBrowserPids(), []);
  });
});
