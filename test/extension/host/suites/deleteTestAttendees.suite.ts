import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { resetSettings } from '../support/extension.ts';
import { connectTo, withToken } from '../support/flows.ts';
import { runCommand } from '../support/session.ts';
import { accept, assertLogKeeps, back, hide, meeting, message, pick } from '../support/steps.ts';
import type { EmulatorControl } from '../../../support/emulator-control.ts';
import type { WorkerWithMeeting } from '../../../support/worker-under-test.ts';
import { fillMeeting, runTag, workerUnderTest } from '../support/worker.ts';

const TITLE = 'Delete Chime Test Attendees';
const numbered = (stem: string, count: number) => Array.from({ length: count }, (_, i) => `${stem}${i + 1}`);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('Chime: Delete Test Attendees…', () => {
  let worker: WorkerWithMeeting;
  let emulator: EmulatorControl;

  before(async function () {
    worker = await workerUnderTest();
    if (!worker.emulator) this.skip(); // meetings of known content need the emulator
    emulator = worker.emulator;
    await connectTo(worker);
  });
  after(resetSettings);

  it('picks attendees from the list, confirms how many, deletes them and lists what was deleted', async () => {
    const meetingId = await emulator.createMeeting();
    const [pick1, pick2, pick3] = numbered(`${runTag}-pick-`, 3) as [string, string, string];
    const keep = numbered(`${runTag}-keep-`, 2);
    const created = await fillMeeting(worker, meetingId, [pick1, pick2, pick3, ...keep]);
    const { ui, clipboard, log } = await runCommand('chimeAttendees.deleteTestAttendees', [
      meeting(meetingId),
      accept('aws:'),
      accept(`${runTag}-nobody-`),
      { kind: 'pick', value: '', label: 'Pick attendees from the list…' },
      back,
      { kind: 'pick', value: '', label: 'Pick attendees from the list…' },
      { kind: 'select', labels: [pick1, pick3] },
      message('Delete 2 Attendees'),
      { kind: 'button', tooltip: 'Copy results as JSON' },
      hide,
    ]);
    const [meetingStep, reserved, nobody, selection, list, , listAgain, results] = ui.inputs();
    assert.deepEqual([meetingStep?.title, meetingStep?.step, meetingStep?.totalSteps], [TITLE, 1, 3]);
    assert.deepEqual([reserved?.step, reserved?.buttons], [2, ['Back']]);
    assert.equal(
      reserved?.placeholder,
      'The meeting holds 5 attendees. Type the start of the ExternalUserIds to delete, or pick attendees',
    );
    assert.equal(reserved?.items?.[0], '$(error) Not a prefix — A prefix must not start with "aws:" (reserved by AWS)');
    assert.equal(nobody?.items?.[0], `$(info) No attendee's ExternalUserId starts with "${runTag}-nobody-"`);
    assert.ok(selection?.items?.includes(`${runTag}-pick- — 3 attendees`), `suggestions: ${selection?.items}`);
    assert.ok(selection?.items?.includes('$(checklist) Pick attendees from the list… — 5 attendees'));
    assert.deepEqual([list?.step, list?.canSelectMany], [3, true]);
    assert.deepEqual(
      list?.items,
      created.map((a) => `${a.ExternalUserId} — ${a.AttendeeId}`),
    );
    assert.equal(listAgain?.step, 3);
    assert.equal(results?.title, `Deleted 2 attendees from meeting ${meetingId}`);
    assert.deepEqual(
      results?.items,
      [pick1, pick3].map((name) => `$(trash) ${name} — ${created.find((a) => a.ExternalUserId === name)?.AttendeeId}`),
    );

    const [confirm] = ui.messages();
    assert.equal(confirm?.modal, true);
    assert.equal(
      confirm?.message,
      `Delete 2 attendees you picked from meeting ${meetingId}? Each frees its slot; anyone joined as one of them is removed from the meeting.`,
    );
    assert.deepEqual(ui.progressTitles, [
      `Listing the attendees of meeting ${meetingId}…`,
      `Deleting 2 attendees from meeting ${meetingId}…`,
    ]);
    // The meeting step stays up, busy, while the meeting is listed; the deletion runs after the input has closed.
    assert.deepEqual(ui.progressOver, [{ title: TITLE, step: 1 }, undefined]);
    assert.deepEqual(JSON.parse(clipboard[0] ?? '{}'), {
      Deleted: created.filter((a) => a.ExternalUserId !== pick2 && !keep.includes(a.ExternalUserId)),
      Errors: [],
    });
    assert.deepEqual((await emulator.attendees(meetingId)).map((a) => a.ExternalUserId).sort(), [pick2, ...keep].sort());
    assert.ok(ui.statusMessages.includes(`$(check) Deleted 2 attendees from meeting ${meetingId}`), ui.statusMessages.join(' | '));
    assert.ok(
      log.some((line) => line === `meeting ${meetingId}: deleted 2, failed 0, not attempted 0`),
      log.join('\n'),
    );
    assertLogKeeps(log, [worker.token, pick1, pick2, pick3, ...keep]);
  });

  it('deletes by a typed prefix, saying how many it selects; dismissing the confirmation deletes nothing', async () => {
    const meetingId = await emulator.createMeeting();
    const prefix = `${runTag}-typed-`;
    await fillMeeting(worker, meetingId, [...numbered(prefix, 4), `${runTag}-other-1`]);
    const typed = new RegExp(`^Delete the 4 attendees whose ExternalUserId starts with "${escape(prefix)}"$`);

    const dismissed = await runCommand('chimeAttendees.deleteTestAttendees', [
      meeting(meetingId),
      { kind: 'pick', value: prefix, label: typed },
      message(),
    ]);
    assert.ok((dismissed.ui.messages()[0]?.message ?? '').startsWith(`Delete 4 attendees whose ExternalUserId starts with "${prefix}"`));
    assert.deepEqual(dismissed.ui.progressTitles, [`Listing the attendees of meeting ${meetingId}…`]);
    assert.equal((await emulator.attendees(meetingId)).length, 5);

    const { ui } = await runCommand('chimeAttendees.deleteTestAttendees', [
      pick(meetingId),
      { kind: 'pick', value: prefix, label: typed },
      message('Delete 4 Attendees'),
      hide,
    ]);
    const [create, latest] = ui.inputs()[0]?.items ?? [];
    assert.equal(
      create,
      '$(add) Create a test meeting… — A new meeting, with test bots if you like',
      'a new test meeting is offered first',
    );
    assert.equal(latest, `${meetingId} — recent`, 'then the meeting just used');
    assert.equal(ui.inputs().at(-1)?.title, `Deleted 4 attendees from meeting ${meetingId}`);
    assert.deepEqual(
      (await emulator.attendees(meetingId)).map((a) => a.ExternalUserId),
      [`${runTag}-other-1`],
    );
  });

  it('cancelling stops between batches, and says which deletions are unknown and which were never sent', async () => {
    const meetingId = await emulator.createMeeting();
    const prefix = `${runTag}-slow-`;
    await fillMeeting(worker, meetingId, numbered(prefix, 60));
    await emulator.setFaults({ operations: ['DeleteAttendee'], latencyMs: 150 }); // a batch of 25, six at a time: about a second
    const started = Date.now();
    try {
      const { ui, log } = await runCommand(
        'chimeAttendees.deleteTestAttendees',
        [meeting(meetingId), pick(prefix), message('Delete 60 Attendees'), hide],
        {
          cancelProgressAfterMs: 300,
          cancelProgressTitled: /^Deleting/,
        },
      );
      const results = ui.inputs().at(-1);
      assert.equal(results?.title, `Deleted 0 of 60 attendees (25 failed, 35 not attempted) from meeting ${meetingId}`);
      assert.ok(
        results?.items?.some((item) => / — Cancelled — Cancelled while the worker was deleting it: it may have been deleted/.test(item)),
        `results: ${results?.items?.slice(0, 3)}`,
      );
      assert.ok(
        results?.items?.some((item) => item.endsWith(' — Cancelled before it was sent')),
        'the rest say why they were not sent',
      );
      assert.ok(Date.now() - started < 15_000, 'cancelling did not stop it');
      assert.ok(
        log.some((line) => line.endsWith('deleted 0, failed 25 [Cancelled×25], not attempted 35, stopped: cancelled')),
        log.join('\n'),
      );
    } finally {
      await emulator.setFaults({});
    }
    assert.ok((await emulator.attendees(meetingId)).length >= 35, 'the batches after the cancelled one were never sent');
  });

  it('with a token that may not read, deletes by prefix without a count', async function () {
    if (!worker.noReadToken) this.skip();
    const meetingId = await emulator.createMeeting();
    const prefix = `${runTag}-nr-`;
    await fillMeeting(worker, meetingId, [...numbered(prefix, 2), `${runTag}-stays`]);
    const { ui } = await withToken(worker, worker.noReadToken!, () =>
      runCommand('chimeAttendees.deleteTestAttendees', [
        meeting(meetingId),
        { kind: 'pick', value: prefix, label: `Delete those whose ExternalUserId starts with "${prefix}"` },
        message('Delete'),
        hide,
      ]),
    );
    const selection = ui.inputs()[1];
    assert.equal(selection?.placeholder, 'This token may not list the meeting: type the start of the ExternalUserIds to delete');
    assert.match(
      ui.messages()[0]?.message ?? '',
      /^Delete every attendee whose ExternalUserId starts with .* \(the token may not list the meeting, so how many is not known\)/,
    );
    assert.equal(ui.inputs().at(-1)?.title, `Deleted 2 attendees from meeting ${meetingId}`);
    assert.deepEqual(
      (await emulator.attendees(meetingId)).map((a) => a.ExternalUserId),
      [`${runTag}-stays`],
    );
  });

  it('says when there is nothing to delete', async () => {
    const meetingId = await emulator.createMeeting();
    const { ui } = await runCommand('chimeAttendees.deleteTestAttendees', [meeting(meetingId), message()]);
    assert.equal(ui.messages()[0]?.message, `Meeting ${meetingId} holds no attendees that this token may see: nothing to delete.`);
  });
});
