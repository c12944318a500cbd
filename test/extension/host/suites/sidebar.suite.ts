import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { extension, hooks, resetSettings, setSetting } from '../support/extension.ts';
import { connectTo, useToken } from '../support/flows.ts';
import { runCommand } from '../support/session.ts';
import { accept, hide, meeting, message, pick } from '../support/steps.ts';
import { deadUrl } from '../support/servers.ts';
import { childRows, describeRow, meetingRow, meetingRows, tree, withEmulator } from '../support/tree.ts';
import type { WorkerWithMeeting } from '../../../support/worker-under-test.ts';
import { fillMeeting, runTag, workerUnderTest } from '../support/worker.ts';

/** Resolves when the tree next says it changed. */
async function nextTreeChange(): Promise<void> {
  const { provider } = await tree();
  return new Promise((resolve) => {
    const listener = provider.onDidChangeTreeData!(() => {
      listener.dispose();
      resolve();
    });
  });
}

const manifest = () =>
  extension().packageJSON as {
    contributes: {
      commands: Array<{ command: string; title: string }>;
      viewsContainers: { activitybar: Array<{ id: string; title: string; icon: string }> };
      views: Record<string, Array<{ id: string; name: string }>>;
      viewsWelcome: Array<{ view: string; when: string; contents: string }>;
      menus: Record<string, Array<{ command: string; when: string; group?: string }>>;
    };
  };

/** Commands the view's menus offer for an item of this contextValue, inline or in its context menu. */
function menuFor(contextValue: string, inline: boolean): string[] {
  return manifest()
    .contributes.menus['view/item/context']!.filter((entry) => (entry.group?.startsWith('inline') ?? false) === inline)
    .filter((entry) => entry.when.includes('view == chimeAttendees.meetings'))
    .filter((entry) => {
      const exact = /viewItem == ([\w.]+)/.exec(entry.when)?.[1];
      const pattern = /viewItem =~ \/(.+)\//.exec(entry.when)?.[1];
      return exact ? exact === contextValue : pattern ? new RegExp(pattern).test(contextValue) : false;
    })
    .map((entry) => title(entry.command));
}

const title = (command: string) =>
  manifest().contributes.commands.find((each) => each.command === command)?.title ?? `(no title: ${command})`;

describe('The Chime sidebar', () => {
  const suite = withEmulator();

  it('has a view container of its own, with a Meetings view, an icon, and actions where a person looks for them', () => {
    const { viewsContainers, views, menus, commands } = manifest().contributes;
    const [container] = viewsContainers.activitybar;
    assert.deepEqual([container?.id, container?.title], ['chimeAttendees', 'Chime']);
    assert.ok(existsSync(join(extension().extensionPath, container!.icon)), `the icon ${container?.icon} is in the extension`);
    assert.deepEqual(
      views.chimeAttendees?.map((view) => [view.id, view.name]),
      [['chimeAttendees.meetings', 'Meetings']],
    );
    assert.deepEqual(
      menus['view/title']?.map((entry) => title(entry.command)),
      ['Create Test Meeting…', 'Refresh'],
    );
    assert.deepEqual(menuFor('attendee', true), ['Copy Join Info', 'Delete']);
    assert.deepEqual(menuFor('attendee', false), ['Copy Join Info', 'Delete']);
    assert.deepEqual(menuFor('meeting.live', true), ['Add Test Attendees…', 'Launch Test Bots…', 'Copy Join Info for All', 'End Meeting']);
    assert.deepEqual(menuFor('meeting.live', false), [
      'Add Attendees…',
      'Add Test Attendees…',
      'Launch Test Bots…',
      'Copy Join Info for All',
      'Show Meeting',
      'End Meeting',
      'Forget',
    ]);
    assert.deepEqual(menuFor('meeting.live.bots', true), [
      'Add Test Attendees…',
      'Stop Test Bots',
      'Copy Join Info for All',
      'End Meeting',
    ]);
    assert.deepEqual(menuFor('meeting.ended', false), ['Forget']);
    for (const { command } of Object.values(menus).flat())
      assert.ok(
        commands.some((each) => each.command === command),
        `${command} is contributed`,
      );
  });

  it('lists a recent meeting as live with its slots used of 250, and its attendees with their capabilities', async () => {
    const meetingId = await suite.emulator.createMeeting();
    const created = await fillMeeting(suite.worker, meetingId, [`${runTag}-tree-1`, `${runTag}-tree-2`]);
    await runCommand('chimeAttendees.showMeeting', [meeting(meetingId), hide]);
    const row = await meetingRow(meetingId);
    assert.match(describeRow(row), / — live · 2 of 250 slots used$/);
    assert.equal(row.item.contextValue, 'meeting.live');
    assert.equal(row.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const attendees = await childRows(row.node);
    assert.deepEqual(
      attendees.map(describeRow),
      created.map((a) => `${a.ExternalUserId} — Audio SendReceive · Video SendReceive · Content SendReceive`),
    );
    assert.ok(attendees.every(({ item }) => item.contextValue === 'attendee'));
    assert.match(String(attendees[0]!.item.tooltip), /ExternalUserId is an idempotency token.*'create'/s);
  });

  it('refreshes after a command, reading only the meeting it touched, and marks a meeting that has ended', async () => {
    const meetingId = await suite.emulator.createMeeting();
    await fillMeeting(suite.worker, meetingId, [`${runTag}-refresh-1`]);
    await runCommand('chimeAttendees.showMeeting', [meeting(meetingId), hide]);
    const { node } = await meetingRow(meetingId);
    const before = (await suite.emulator.state()).calls;
    const changed = nextTreeChange();
    await runCommand('chimeAttendees.addTestAttendees', [accept('3'), accept(`${runTag}-refresh-bot-{n}`), pick('Silent bot'), hide], {
      args: [node],
    });
    await changed;
    assert.match(describeRow(await meetingRow(meetingId)), / — live · 4 of 250 slots used$/);
    const { calls } = await suite.emulator.state();
    const spent = (name: string) => (calls[name] ?? 0) - (before[name] ?? 0);
    // The count step (its free slots) and the check before creating each read the meeting and its attendees;
    // the tree reads them once more, for this meeting alone.
    assert.deepEqual([spent('GetMeeting'), spent('ListAttendees'), spent('BatchCreateAttendee')], [3, 3, 1]);

    await suite.emulator.endMeeting(meetingId);
    assert.match(describeRow(await meetingRow(meetingId)), / — live · 4 of 250 slots used$/, 'nothing is read on a timer');
    await runCommand('chimeAttendees.refreshMeetings', []);
    const ended = await meetingRow(meetingId);
    assert.match(describeRow(ended), /^emulator-\S+ — ended$/, 'named as it was while live');
    assert.equal(ended.item.contextValue, 'meeting.ended');
    assert.equal(ended.item.collapsibleState, vscode.TreeItemCollapsibleState.None);

    await runCommand('chimeAttendees.forgetMeeting', [], { args: [ended.node] });
    assert.ok(!(await meetingRows()).some(({ node: each }) => each.meetingId === meetingId), 'Forget takes it off the tree');
  });

  it('copies the join info of any attendee in the tree, and of all, by creating their ExternalUserIds again', async () => {
    const meetingId = await suite.emulator.createMeeting();
    const created = await fillMeeting(suite.worker, meetingId, [`${runTag}-join-1`, `${runTag}-join-2`]);
    await runCommand('chimeAttendees.showMeeting', [meeting(meetingId), hide]);
    const [first, second] = await childRows((await meetingRow(meetingId)).node);
    const one = await runCommand('chimeAttendees.copyJoinInfo', [], { args: [second!.node] });
    const joinInfo = JSON.parse(one.clipboard[0] ?? '{}') as {
      Meeting: { MeetingId: string };
      Attendee: { AttendeeId: string; JoinToken: string };
    };
    assert.equal(joinInfo.Meeting.MeetingId, meetingId);
    assert.equal(joinInfo.Attendee.AttendeeId, created[1]!.AttendeeId, 'the same attendee');
    assert.ok(joinInfo.Attendee.JoinToken.length > 0);
    assert.deepEqual(one.ui.statusMessages, [`$(check) Copied the join info of ${created[1]!.ExternalUserId}`]);

    const all = await runCommand('chimeAttendees.copyAllJoinInfo', [], { args: [first!.node] });
    const allInfo = JSON.parse(all.clipboard[0] ?? '{}') as { Attendees: Array<{ AttendeeId: string }> };
    assert.deepEqual(
      allInfo.Attendees.map((a) => a.AttendeeId),
      created.map((a) => a.AttendeeId),
    );
    assert.deepEqual(
      (await suite.emulator.attendees(meetingId)).map((a) => a.AttendeeId).sort(),
      created.map((a) => a.AttendeeId).sort(),
      'no attendee was added',
    );
  });

  it('deletes one attendee after asking, and the tree shows it gone', async () => {
    const meetingId = await suite.emulator.createMeeting();
    const [kept, gone] = await fillMeeting(suite.worker, meetingId, [`${runTag}-del-1`, `${runTag}-del-2`]);
    await runCommand('chimeAttendees.showMeeting', [meeting(meetingId), hide]);
    const target = (await childRows((await meetingRow(meetingId)).node)).find(({ item }) => item.label === gone!.ExternalUserId)!;
    const { ui } = await runCommand('chimeAttendees.deleteAttendee', [message('Delete')], { args: [target.node] });
    assert.equal(ui.messages()[0]?.modal, true);
    assert.match(
      ui.messages()[0]?.message ?? '',
      new RegExp(`^Delete ${gone!.ExternalUserId} \\(AttendeeId ${gone!.AttendeeId}\\) from meeting ${meetingId}\\?`),
    );
    assert.deepEqual(
      (await suite.emulator.attendees(meetingId)).map((a) => a.AttendeeId),
      [kept!.AttendeeId],
    );
    const left = await childRows((await meetingRow(meetingId)).node);
    assert.deepEqual(
      left.map(({ item }) => item.label),
      [kept!.ExternalUserId],
    );
  });
});

describe('Chime: Create Test Meeting… and End Meeting', () => {
  const suite = withEmulator();

  it('creates a meeting with silent bots in one call, and shows it in the tree, expanded; End Meeting says how many it removes', async () => {
    const externalMeetingId = `${runTag}-meeting`;
    const { ui } = await runCommand('chimeAttendees.createMeeting', [
      accept(externalMeetingId),
      pick('eu-west-2'),
      pick('FHD video'),
      accept('5'),
    ]);
    const [name, region, features, bots] = ui.inputs();
    assert.deepEqual([name?.title, name?.step, name?.totalSteps], ['Create Chime Test Meeting', 1, 4]);
    assert.equal(region?.items?.length, 21);
    assert.deepEqual(features?.items, [
      'Audio only — No video, no content share; up to 250 attendees',
      "HD video — Video up to HD, content up to FHD (the service's defaults); up to 250 attendees",
      'FHD video — Video up to FHD, content up to FHD; up to 25 attendees',
    ]);
    assert.match(bots?.prompt ?? '', /silent/);
    const status = ui.statusMessages.find((text) => text.startsWith('$(check) Created meeting'));
    const meetingId = /Created meeting (\S+) with 5 test bots/.exec(status ?? '')?.[1];
    assert.ok(meetingId, `status: ${ui.statusMessages}`);

    const held = await suite.emulator.attendees(meetingId);
    assert.deepEqual(held.map((a) => a.ExternalUserId).sort(), ['bot-1', 'bot-2', 'bot-3', 'bot-4', 'bot-5']);
    const row = await meetingRow(meetingId);
    assert.equal(describeRow(row), `${externalMeetingId} — live · 5 of 25 slots used`);
    const attendees = await childRows(row.node);
    assert.ok(
      attendees.every(({ item }) => item.description === 'Audio None · Video None · Content None'),
      'silent bots',
    );

    const dismissed = await runCommand('chimeAttendees.endMeeting', [message()], { args: [row.node] });
    assert.equal(
      dismissed.ui.messages()[0]?.message,
      `End meeting ${meetingId}? This removes its 5 attendees at once; an ended meeting cannot be joined or started again.`,
    );
    assert.equal(dismissed.ui.messages()[0]?.modal, true);
    assert.equal((await suite.emulator.attendees(meetingId)).length, 5, 'dismissing ends nothing');

    const ended = await runCommand('chimeAttendees.endMeeting', [message('End Meeting')], { args: [row.node] });
    assert.deepEqual(ended.ui.progressTitles, [`Ending meeting ${meetingId}…`]);
    assert.equal(describeRow(await meetingRow(meetingId)), `${externalMeetingId} — ended`);
    const gone = await fetch(`${suite.worker.url}/meetings/${meetingId}`, { headers: { authorization: `Bearer ${suite.worker.token}` } });
    assert.equal(gone.status, 404);
  });

  it('every meeting picker offers "Create a test meeting…" first, and goes on with the new meeting', async () => {
    const { ui } = await runCommand('chimeAttendees.createTestAttendees', [
      pick('Create a test meeting…'),
      accept(),
      accept(),
      pick('Audio only'),
      accept('0'),
      accept('2'),
      accept(`${runTag}-picked-{n}`),
      pick('Silent bot'),
      hide,
    ]);
    const titles = ui.inputs().map((input) => input.title);
    assert.match(ui.inputs()[1]?.value ?? '', /^\S+-\d{8}-\d{4}$/, 'named after the user and the time');
    assert.deepEqual(titles.slice(0, 5), ['Create Chime Test Attendees', ...Array(4).fill('Create Chime Test Meeting')]);
    const results = ui.inputs().at(-1);
    const meetingId = /^Created 2 attendees in meeting (\S+)$/.exec(results?.title ?? '')?.[1];
    assert.ok(meetingId, `results: ${results?.title}`);
    assert.deepEqual((await suite.emulator.attendees(meetingId)).map((a) => a.ExternalUserId).sort(), [
      `${runTag}-picked-1`,
      `${runTag}-picked-2`,
    ]);
  });

  it('with a meeting ID typed, Enter means that ID, even when the selection names "Create a test meeting…"', async () => {
    // The window can name an item by its place in a list the extension has just replaced.
    const meetingId = await suite.emulator.createMeeting();
    const { ui } = await runCommand('chimeAttendees.showMeeting', [
      { kind: 'pick', value: meetingId, label: 'Create a test meeting…' },
      hide,
    ]);
    assert.equal(ui.inputs().at(-1)?.title, `Meeting ${meetingId}: 0 of 250 slots used`);
  });

  it('"meeting not found or ended" offers Create Test Meeting… as a button', async () => {
    const meetingId = await suite.emulator.createMeeting();
    await suite.emulator.endMeeting(meetingId);
    const { ui } = await runCommand('chimeAttendees.showMeeting', [meeting(meetingId), message()]);
    assert.deepEqual(ui.messages()[0]?.buttons, ['Create Test Meeting…']);
  });
});

describe('The status bar and the welcome view', () => {
  let worker: WorkerWithMeeting;

  before(async () => {
    worker = await workerUnderTest();
    await connectTo(worker);
  });
  after(async () => {
    await connectTo(worker);
    await resetSettings();
  });

  const welcome = (state: string) =>
    manifest().contributes.viewsWelcome.find((entry) => entry.when === `chimeAttendees.connection == ${state}`)?.contents ?? '';

  it('shows the worker’s host, its API flavor and that a token is set; a click offers what fixes each', async () => {
    const { sidebar } = await hooks();
    await sidebar.tree.refresh();
    assert.equal(sidebar.status.text, `$(plug) ${new URL(worker.url).host} · chime-sdk-meetings · $(key)`);
    assert.equal(sidebar.status.command, 'chimeAttendees.showConnection');
    const { ui } = await runCommand('chimeAttendees.showConnection', [hide]);
    assert.deepEqual(ui.inputs()[0]?.items, [
      '$(key) Set Worker Token',
      '$(output) Show Log',
      '$(gear) Worker URL setting',
      '$(refresh) Check again',
    ]);
  });

  it('says when no token is set, and the view welcomes with Set Worker Token instead of listing', async () => {
    const { sidebar } = await hooks();
    const told = new Promise<void>((resolve) => {
      const listener = sidebar.tree.onDidChangeConnection((connection) => {
        if (connection.hasToken) return;
        listener.dispose();
        resolve();
      });
    });
    await runCommand('chimeAttendees.clearToken', [message('Forget Token')]);
    await told;
    assert.match(sidebar.status.text, /· \$\(warning\) no token$/);
    assert.deepEqual(await sidebar.tree.provider.getChildren(), [], 'the welcome shows only while the view is empty');
    assert.match(welcome('noToken'), /\[Set Worker Token\]\(command:chimeAttendees\.setToken\)/);
    await useToken(worker.token);
  });

  it('says when no worker answers, and the view welcomes with the settings and how to start the local stack', async () => {
    const { sidebar } = await hooks();
    await setSetting('workerUrl', await deadUrl());
    await sidebar.tree.refresh();
    assert.match(sidebar.status.text, /^\$\(debug-disconnect\) 127\.0\.0\.1:\d+ · no answer · \$\(key\)$/);
    assert.deepEqual(await sidebar.tree.provider.getChildren(), []);
    const text = welcome('noWorker');
    assert.match(text, /`npm start`/);
    assert.match(text, /\[Open Settings\]\(command:chimeAttendees\.openWorkerUrlSetting\)/);
    const contributed = manifest().contributes.commands.map((each) => each.command);
    for (const [, command] of manifest().contributes.viewsWelcome.flatMap((entry) => [
      ...entry.contents.matchAll(/\(command:([\w.]+)\)/g),
    ])) {
      assert.ok(contributed.includes(command!), `the welcome links ${command}, which is contributed`);
    }
  });
});
