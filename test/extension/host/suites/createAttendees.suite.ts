import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { resetSettings, setSetting } from '../support/extension.ts';
import { connectTo } from '../support/flows.ts';
import { runCommand } from '../support/session.ts';
import { accept, assertLogKeeps, back, hide, meeting, options, pick, workerApi } from '../support/steps.ts';
import type { WorkerWithMeeting } from '../../../support/worker-under-test.ts';
import { fillMeeting, runTag, workerUnderTest } from '../support/worker.ts';

describe('Chime: Create Attendees…', () => {
  let worker: WorkerWithMeeting;
  let api: string;

  before(async () => {
    worker = await workerUnderTest();
    api = await workerApi(worker.url);
    await connectTo(worker);
  });
  after(resetSettings);

  it('checks each step as typed, goes back, creates the attendees and copies them', async () => {
    const alice = `${runTag}-alice@example.com`;
    const bob = `${runTag}-bob`;
    const { ui, clipboard, log } = await runCommand('chimeAttendees.createAttendees', [
      accept('not-a-meeting'),
      meeting(worker.meetingId),
      accept('x'),
      accept(`${alice}, ${alice}`),
      back,
      accept(),
      accept(`${alice}, ${bob}`),
      options(api),
      { kind: 'itemButton', label: alice, tooltip: 'Copy JoinToken' },
      { kind: 'itemButton', label: bob, tooltip: 'Copy attendee as JSON' },
      { kind: 'button', tooltip: 'Copy all attendees as JSON' },
      hide,
    ]);
    const [badMeeting, goodMeeting, tooShort, repeated, backed, meetingAgain, attendees, chosen, ...results] = ui.inputs();

    assert.deepEqual([badMeeting?.step, badMeeting?.totalSteps], [1, 3]);
    assert.match(badMeeting?.items?.[0] ?? '', /^\$\(error\) Not a meeting ID — This must be a meeting ID/);
    // Typed, it is offered for use; if an earlier suite used it, it is offered as recent instead.
    assert.match(goodMeeting?.items?.[0] ?? '', new RegExp(`^${worker.meetingId} — (use this meeting ID|recent)$`));
    assert.equal(tooShort?.validationMessage, 'Attendee 1 must be 2 to 64 characters');
    assert.equal(repeated?.validationMessage, 'Attendee 2 repeats attendee 1');
    assert.deepEqual([backed?.step, backed?.buttons], [2, ['Back']]);
    assert.equal(meetingAgain?.value, worker.meetingId, 'going back keeps the meeting ID');
    assert.equal(attendees?.validationMessage, undefined);
    assert.equal(chosen?.step, 3);
    assert.equal(results.length, 4);
    assert.match(results[0]?.title ?? '', new RegExp(`^Created 2 attendees in meeting ${worker.meetingId}$`));

    const [token, one, all] = clipboard;
    const copied = JSON.parse(all ?? '{}') as { Attendees: Array<{ AttendeeId: string; ExternalUserId: string; JoinToken: string }> };
    assert.deepEqual(copied.Attendees.map((a) => a.ExternalUserId).sort(), [alice, bob].sort());
    assert.equal(token, copied.Attendees.find((a) => a.ExternalUserId === alice)?.JoinToken);
    assert.deepEqual(JSON.parse(one ?? '{}'), { Attendee: copied.Attendees.find((a) => a.ExternalUserId === bob) });
    if (api !== 'chime') {
      const audioOnly = { Audio: 'SendReceive', Video: 'None', Content: 'None' };
      assert.deepEqual(JSON.parse(one ?? '{}').Attendee.Capabilities, audioOnly, 'the copied JSON keeps the service’s Capabilities');
    }
    assert.ok(
      ui.statusMessages.some((text) => text.includes(`Created 2 attendees in meeting ${worker.meetingId}`)),
      'no status bar message',
    );
    assert.deepEqual(ui.progressTitles, [`Creating 2 attendees in meeting ${worker.meetingId}…`]);

    if (worker.emulator) {
      const held = await worker.emulator.attendees(worker.meetingId);
      for (const attendee of copied.Attendees)
        assert.ok(
          held.some((h) => h.AttendeeId === attendee.AttendeeId && h.ExternalUserId === attendee.ExternalUserId),
          `the emulator does not hold ${attendee.ExternalUserId}`,
        );
    }
    assert.ok(
      log.some((line) => line.includes(`meeting ${worker.meetingId}: asked for 2, created 2, failed 0`) && line.includes('request ')),
      `no outcome line in ${log.join('\n')}`,
    );
    assertLogKeeps(log, [worker.token, alice, bob, ...copied.Attendees.map((a) => a.JoinToken)]);
  });

  it('takes an ExternalUserId holding a comma in quotes, and says when a quote is left open', async () => {
    const withComma = `${runTag}-Smith, Ann`;
    const frank = `${runTag}-frank`;
    const { ui, clipboard } = await runCommand('chimeAttendees.createAttendees', [
      pick(worker.meetingId),
      accept(`"${withComma}, ${frank}`),
      accept(`"${withComma}", ${frank}`),
      options(api),
      { kind: 'button', tooltip: 'Copy all attendees as JSON' },
      hide,
    ]);
    const [, open, closed] = ui.inputs();
    assert.match(open?.prompt ?? '', /quote one holding a comma/);
    assert.equal(open?.validationMessage, 'Attendee 1 opens a quote: close it right after the ID, before the next comma ("Smith, Ann")');
    assert.equal(closed?.validationMessage, undefined);
    const copied = JSON.parse(clipboard[0] ?? '{}') as { Attendees: Array<{ ExternalUserId: string }> };
    assert.deepEqual(copied.Attendees.map((a) => a.ExternalUserId).sort(), [withComma, frank].sort());
  });

  it('shows an ExternalUserId already in the meeting as present, with its capabilities as they are', async function () {
    if (!worker.emulator || api === 'chime') this.skip();
    const meetingId = await worker.emulator.createMeeting();
    const again = `${runTag}-again@example.com`;
    const [before] = await fillMeeting(worker, meetingId, [again]);
    const { ui } = await runCommand('chimeAttendees.createAttendees', [
      meeting(meetingId),
      accept(`${again}, ${runTag}-newcomer`),
      pick('Audio only'),
      hide,
    ]);
    const results = ui.inputs().at(-1);
    assert.equal(results?.title, `Created 1 of 2 attendees (1 already in the meeting) in meeting ${meetingId}`);
    const kept = 'Already in the meeting, kept as it was: Audio SendReceive · Video SendReceive · Content SendReceive';
    assert.deepEqual(
      results?.items?.find((item) => item.includes(again)),
      `$(person) ${again} — ${before?.AttendeeId} — ${kept} (not the Audio SendReceive · Video None · Content None asked for)`,
    );
    assert.ok(
      ui.statusMessages.includes(`$(check) Created 1 of 2 attendees (1 already in the meeting) in meeting ${meetingId}`),
      `${ui.statusMessages}`,
    );
  });

  it('offers the meeting just used, and sends nothing when dismissed', async () => {
    const { ui } = await runCommand('chimeAttendees.createAttendees', [pick(worker.meetingId), hide]);
    const [recent, attendees] = ui.inputs();
    assert.ok(recent?.items?.includes(`${worker.meetingId} — recent`), `no recent meeting in ${recent?.items}`);
    assert.equal(attendees?.step, 2);
    assert.deepEqual(ui.progressTitles, []);
  });

  it('offers the capabilities from settings first', async function () {
    if (api === 'chime') this.skip();
    await setSetting('defaultCapabilities', { Audio: 'Receive', Video: 'None', Content: 'None' });
    const { ui } = await runCommand('chimeAttendees.createAttendees', [pick(worker.meetingId), accept(`${runTag}-carol`), hide]);
    const capabilities = ui.inputs()[2];
    assert.equal(
      capabilities?.items?.[0],
      'From settings — Audio Receive · Video None · Content None — chimeAttendees.defaultCapabilities',
    );
    assert.ok(capabilities?.items?.some((item) => item.startsWith('Silent bot')));
  });
});
