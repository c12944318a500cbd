import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { resetSettings } from '../support/extension.ts';
import { connectTo } from '../support/flows.ts';
import { runCommand } from '../support/session.ts';
import { accept, assertLogKeeps, hide, meeting, options, workerApi } from '../support/steps.ts';
import type { EmulatorControl } from '../../../support/emulator-control.ts';
import type { WorkerWithMeeting } from '../../../support/worker-under-test.ts';
import { runTag, workerUnderTest } from '../support/worker.ts';

interface Copied {
  Meeting: { MeetingId: string; MediaRegion?: string; MediaPlacement?: Record<string, string> };
  Attendee?: { AttendeeId: string; ExternalUserId: string; JoinToken: string };
  Attendees?: Array<{ AttendeeId: string; ExternalUserId: string; JoinToken: string }>;
}

describe('Copy join info (results of Create Attendees)', () => {
  let worker: WorkerWithMeeting;
  let api: string;
  let emulator: EmulatorControl | undefined;

  before(async () => {
    worker = await workerUnderTest();
    api = await workerApi(worker.url);
    emulator = worker.emulator;
    await connectTo(worker);
  });
  after(resetSettings);

  it('copies { Meeting, Attendee } for one attendee and { Meeting, Attendees } for all, reading the meeting once', async () => {
    const meetingId = emulator ? await emulator.createMeeting() : worker.meetingId;
    const pattern = `${runTag}-join-{n}`;
    const names = [`${runTag}-join-1`, `${runTag}-join-2`];
    const before = await emulator?.calls('GetMeeting');
    const { ui, clipboard, log } = await runCommand('chimeAttendees.createTestAttendees', [
      meeting(meetingId),
      accept('2'),
      accept(pattern),
      options(api, 'Silent bot'),
      { kind: 'itemButton', label: names[1]!, tooltip: 'Copy join info (Meeting + Attendee)' },
      { kind: 'button', tooltip: 'Copy join info for all attendees' },
      { kind: 'itemButton', label: names[0]!, tooltip: 'Copy JoinToken' },
      hide,
    ]);
    const results = ui.inputs().at(-1);
    assert.deepEqual(results?.buttons, ['Copy join info for all attendees', 'Copy all attendees as JSON']);

    const [one, all, token] = clipboard.map((text, index) => (index < 2 ? (JSON.parse(text) as Copied) : text)) as [Copied, Copied, string];
    assert.deepEqual(Object.keys(one), ['Meeting', 'Attendee']);
    assert.equal(one.Meeting.MeetingId, meetingId);
    for (const url of ['AudioHostUrl', 'SignalingUrl', 'TurnControlUrl'])
      assert.ok(one.Meeting.MediaPlacement?.[url], `the meeting has MediaPlacement.${url}`);
    assert.deepEqual(Object.keys(one.Attendee ?? {}), ['AttendeeId', 'ExternalUserId', 'JoinToken']);
    assert.equal(one.Attendee?.ExternalUserId, names[1]);
    assert.deepEqual(Object.keys(all), ['Meeting', 'Attendees']);
    assert.deepEqual(all.Meeting, one.Meeting);
    assert.deepEqual(
      all.Attendees?.map((a) => a.ExternalUserId),
      names,
    );
    assert.equal(token, all.Attendees?.[0]?.JoinToken);
    assert.ok(ui.statusMessages.includes(`$(check) Copied the join info of ${names[1]}`), `status: ${ui.statusMessages.join(' | ')}`);

    if (emulator && before !== undefined) {
      // The count step (its free slots) and the check before creating read the meeting; the copies reuse it.
      assert.equal((await emulator.calls('GetMeeting')) - before, 2, 'no GetMeeting for the copies');
    }
    assertLogKeeps(log, [worker.token, ...names, ...(all.Attendees ?? []).map((a) => a.JoinToken)]);
  });

  it('says "1 attendee" when copying all of one', async () => {
    const meetingId = emulator ? await emulator.createMeeting() : worker.meetingId;
    const { ui } = await runCommand('chimeAttendees.createTestAttendees', [
      meeting(meetingId),
      accept('1'),
      accept(`${runTag}-solo-{n}`),
      options(api, 'Silent bot'),
      { kind: 'button', tooltip: 'Copy join info for all attendees' },
      { kind: 'button', tooltip: 'Copy all attendees as JSON' },
      hide,
    ]);
    assert.equal(ui.inputs().at(-1)?.title, `Created 1 attendee in meeting ${meetingId}`);
    const copied = ui.statusMessages.filter((text) => text.startsWith('$(check) Copied'));
    assert.deepEqual(copied, ['$(check) Copied the join info of 1 attendee', '$(check) Copied 1 attendee as JSON']);
  });
});
