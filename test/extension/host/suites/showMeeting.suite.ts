import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { resetSettings } from '../support/extension.ts';
import { connectTo } from '../support/flows.ts';
import { runCommand } from '../support/session.ts';
import { accept, hide, meeting, message, pick } from '../support/steps.ts';
import type { EmulatorControl } from '../../../support/emulator-control.ts';
import type { WorkerWithMeeting } from '../../../support/worker-under-test.ts';
import { fillMeeting, runTag, workerUnderTest } from '../support/worker.ts';

describe('Chime: Show Meeting', () => {
  let worker: WorkerWithMeeting;
  let emulator: EmulatorControl;

  before(async function () {
    worker = await workerUnderTest();
    if (!worker.emulator) this.skip(); // meetings of known content need the emulator
    emulator = worker.emulator;
    await connectTo(worker);
  });
  after(resetSettings);

  it('shows the meeting, its slots used of 250 and its attendees, with buttons to copy their IDs and the join info', async () => {
    const meetingId = await emulator.createMeeting();
    const created = await fillMeeting(worker, meetingId, [`${runTag}-show-1`, `${runTag}-show-2`, `${runTag}-show-3`]);
    const second = created[1]!;
    const { ui, clipboard } = await runCommand('chimeAttendees.showMeeting', [
      meeting(meetingId),
      { kind: 'itemButton', label: second.ExternalUserId, tooltip: 'Copy AttendeeId' },
      { kind: 'itemButton', label: second.ExternalUserId, tooltip: 'Copy ExternalUserId' },
      { kind: 'button', tooltip: 'Copy meeting join info ({ Meeting })' },
      accept(),
      hide,
    ]);
    const [ask, view] = ui.inputs();
    assert.deepEqual([ask?.title, ask?.step, ask?.totalSteps], ['Show Chime Meeting', undefined, undefined], 'one step: no step count');
    assert.equal(view?.title, `Meeting ${meetingId}: 3 of 250 slots used`);
    const items = view?.items ?? [];
    assert.equal(items[0], `$(symbol-key) MeetingId — ${meetingId}`);
    assert.ok(items.includes('$(globe) MediaRegion — us-east-1'), `items: ${items}`);
    assert.ok(items.includes('$(organization) Slots — 3 of 250 slots used, 247 free'), `items: ${items}`);
    // Each attendee with its AttendeeId, and its capabilities below when the API has them.
    assert.deepEqual(
      items.filter((item) => item.startsWith('$(person)')).map((item) => item.split(' — ').slice(0, 2).join(' — ')),
      created.map((a) => `$(person) ${a.ExternalUserId} — ${a.AttendeeId}`),
    );
    assert.deepEqual(view?.buttons, ['Copy meeting join info ({ Meeting })', 'Delete Test Attendees…']);
    const [attendeeId, externalUserId, joinInfo, enter] = clipboard;
    assert.deepEqual([attendeeId, externalUserId, enter], [second.AttendeeId, second.ExternalUserId, meetingId]);
    const { Meeting } = JSON.parse(joinInfo ?? '{}') as { Meeting: { MeetingId: string; MediaPlacement: Record<string, string> } };
    assert.equal(Meeting.MeetingId, meetingId);
    assert.ok(Meeting.MediaPlacement.AudioHostUrl && Meeting.MediaPlacement.SignalingUrl, 'with what joining needs');
    assert.deepEqual(ui.progressTitles, [`Reading meeting ${meetingId}…`]);
  });

  it('"Delete Test Attendees…" closes the view and asks what to delete in that meeting', async () => {
    const meetingId = await emulator.createMeeting();
    await fillMeeting(worker, meetingId, [`${runTag}-then-1`]);
    const { ui } = await runCommand('chimeAttendees.showMeeting', [
      meeting(meetingId),
      { kind: 'button', tooltip: 'Delete Test Attendees…' },
      hide,
    ]);
    const deletion = ui.inputs().at(-1);
    assert.deepEqual([deletion?.title, deletion?.step, deletion?.totalSteps], ['Delete Chime Test Attendees', 1, 2]);
    assert.equal(deletion?.placeholder, 'The meeting holds 1 attendee. Type the start of the ExternalUserIds to delete, or pick attendees');
  });

  it('marks a recent meeting that has ended, and forgets it at a button', async () => {
    const meetingId = await emulator.createMeeting();
    await runCommand('chimeAttendees.showMeeting', [meeting(meetingId), hide]);
    await emulator.endMeeting(meetingId);

    const ended = await runCommand('chimeAttendees.showMeeting', [pick(meetingId), message()]);
    const [failure] = ended.ui.messages();
    assert.equal(failure?.type, 'error');
    assert.match(
      failure?.message ?? '',
      new RegExp(`^Meeting ${meetingId} was not found or has ended \\(Amazon Chime: The meeting has ended\\)`),
    );

    const { ui } = await runCommand('chimeAttendees.createTestAttendees', [
      { kind: 'itemButton', label: meetingId, tooltip: 'Forget this meeting' },
      hide,
    ]);
    const [marked, forgotten] = ui.inputs();
    assert.ok(marked?.items?.includes(`${meetingId} — recent (ended)`), `recent: ${marked?.items}`);
    assert.ok(!forgotten?.items?.some((item) => item.startsWith(meetingId)), `still offered: ${forgotten?.items}`);
  });
});
