import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { resetSettings } from '../support/extension.ts';
import { connectTo } from '../support/flows.ts';
import { runCommand } from '../support/session.ts';
import { accept, assertLogKeeps, back, hide, meeting, options, workerApi } from '../support/steps.ts';
import type { WorkerWithMeeting } from '../../../support/worker-under-test.ts';
import { fillMeeting, runTag, workerUnderTest } from '../support/worker.ts';

describe('Chime: Create Test Attendees…', () => {
  let worker: WorkerWithMeeting;
  let api: string;

  before(async () => {
    worker = await workerUnderTest();
    api = await workerApi(worker.url);
    await connectTo(worker);
  });
  after(resetSettings);

  it('checks the count and the pattern, then fills the meeting with numbered bots', async () => {
    const pattern = `${runTag}-bot-{n:2}`;
    const expected = ['01', '02', '03'].map((n) => `${runTag}-bot-${n}`);
    const { ui, clipboard, log } = await runCommand('chimeAttendees.createTestAttendees', [
      meeting(worker.meetingId),
      accept('0'),
      accept('251'),
      accept('3'),
      accept('bot'),
      accept('aws:{n}'),
      back,
      accept('3'),
      accept(pattern),
      options(api, 'Silent bot'),
      { kind: 'button', tooltip: 'Copy all attendees as JSON' },
      hide,
    ]);
    const [, zero, tooMany, count, noPlaceholder, reserved, backed, countAgain, patternStep, chosen, results] = ui.inputs();

    assert.deepEqual([zero?.step, zero?.totalSteps, zero?.value], [2, 4, '0']);
    assert.equal(zero?.validationMessage, 'Enter a whole number from 1 to 250');
    assert.equal(tooMany?.validationMessage, 'Enter a whole number from 1 to 250');
    assert.equal(count?.validationMessage, undefined);
    assert.match(noPlaceholder?.validationMessage ?? '', /^Include \{n\}/);
    assert.equal(reserved?.validationMessage, 'Attendee 1 must not start with "aws:" (reserved by AWS)');
    assert.equal(backed?.step, 3);
    assert.equal(countAgain?.value, '3', 'going back keeps the count');
    assert.equal(patternStep?.validationMessage, undefined);
    assert.equal(patternStep?.prompt, `ExternalUserId pattern: {n} becomes 1 to 3; {n:3} pads it to 001. Makes ${expected.join(', ')}`);
    assert.match(zero?.prompt ?? '', /^How many test attendees \(1 to 250\); the meeting has \d+ slots free$/);
    assert.equal(chosen?.step, 4);
    if (api !== 'chime')
      assert.match(chosen?.items?.[0] ?? '', /^Silent bot — Audio Receive · Video None · Content None — Listens, sends nothing/);
    assert.equal(results?.title, `Created 3 attendees in meeting ${worker.meetingId}`);
    const copied = JSON.parse(clipboard[0] ?? '{}') as {
      Attendees: Array<{ AttendeeId: string; ExternalUserId: string; JoinToken: string }>;
    };
    assert.deepEqual(copied.Attendees.map((a) => a.ExternalUserId).sort(), expected);
    if (worker.emulator) {
      const held = (await worker.emulator.attendees(worker.meetingId)).map((a) => a.ExternalUserId);
      for (const id of expected) assert.ok(held.includes(id), `the emulator does not hold ${id}`);
    }
    assertLogKeeps(log, [worker.token, ...expected, ...copied.Attendees.map((a) => a.JoinToken)]);
  });

  it('counts the free slots of the meeting picked, and offers bots the silent preset first', async function () {
    if (!worker.emulator || api === 'chime') this.skip();
    const meetingId = await worker.emulator.createMeeting();
    await fillMeeting(worker, meetingId, [`${runTag}-one`, `${runTag}-two`]);
    const { ui, clipboard } = await runCommand('chimeAttendees.createTestAttendees', [
      meeting(meetingId),
      accept('2'),
      accept(`${runTag}-quiet-{n}`),
      accept(),
      { kind: 'button', tooltip: 'Copy all attendees as JSON' },
      hide,
    ]);
    const [, count, , capabilities] = ui.inputs();
    assert.equal(count?.prompt, 'How many test attendees (1 to 250); the meeting has 248 slots free');
    assert.equal(capabilities?.items?.[0]?.split(' — ')[0], 'Silent bot');
    const copied = JSON.parse(clipboard[0] ?? '{}') as { Attendees: Array<{ Capabilities: unknown }> };
    for (const bot of copied.Attendees) assert.deepEqual(bot.Capabilities, { Audio: 'Receive', Video: 'None', Content: 'None' });
  });
});
