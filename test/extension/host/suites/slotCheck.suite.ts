import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { resetSettings } from '../support/extension.ts';
import { connectTo, withToken } from '../support/flows.ts';
import { runCommand } from '../support/session.ts';
import { accept, hide, meeting, message, options, pick, workerApi } from '../support/steps.ts';
import type { EmulatorControl } from '../../../support/emulator-control.ts';
import type { WorkerWithMeeting } from '../../../support/worker-under-test.ts';
import { fillMeeting, runTag, workerUnderTest } from '../support/worker.ts';

const numbered = (stem: string, count: number) => Array.from({ length: count }, (_, i) => `${stem}${i + 1}`);

describe('Creating checks the meeting and its 250 slots first', () => {
  let worker: WorkerWithMeeting;
  let api: string;
  let emulator: EmulatorControl;

  before(async function () {
    worker = await workerUnderTest();
    if (!worker.emulator) this.skip(); // fresh meetings of known size need the emulator
    emulator = worker.emulator;
    api = await workerApi(worker.url);
    await connectTo(worker);
  });
  after(resetSettings);

  /** Create Test Attendees… with `count` bots named `stem{n}`, up to (not including) what comes after the last step. */
  const createBots = (meetingId: string, count: number, stem: string) => [
    meeting(meetingId),
    accept(String(count)),
    accept(`${stem}{n}`),
    options(api, 'Silent bot'),
  ];

  it('says plainly when new attendees would not fit, and sends nothing when dismissed', async () => {
    const meetingId = await emulator.createMeeting();
    await fillMeeting(worker, meetingId, numbered(`${runTag}-fill-`, 240));
    const before = await emulator.calls('BatchCreateAttendee');
    const { ui, log } = await runCommand('chimeAttendees.createTestAttendees', [...createBots(meetingId, 12, `${runTag}-new-`), message()]);
    const [warning] = ui.messages();
    assert.equal(warning?.type, 'warning');
    assert.equal(warning?.modal, true);
    assert.equal(
      warning?.message,
      `Meeting ${meetingId} has 240 of 250 slots used; 12 new attendees would not fit (10 slots are free). Delete test attendees first?`,
    );
    assert.deepEqual(warning?.buttons, ['Delete Test Attendees…', 'Create the 10 that fit', 'Create Anyway']);
    assert.equal(await emulator.calls('BatchCreateAttendee'), before, 'nothing was created');
    assert.equal((await emulator.attendees(meetingId)).length, 240);
    assert.ok(
      log.some((line) => line.endsWith(`meeting ${meetingId}: asked for 12, not sent: it would not fit`)),
      log.join('\n'),
    );
    assert.ok(
      log.some((line) => line.includes('240 of 250 slots used; asked for 12 new, 0 already present')),
      log.join('\n'),
    );
  });

  it('"Delete Test Attendees…" frees the slots for that meeting, then creates the attendees', async () => {
    const meetingId = await emulator.createMeeting();
    const fill = `${runTag}-full-`;
    await fillMeeting(worker, meetingId, numbered(fill, 245));
    const { ui } = await runCommand('chimeAttendees.createTestAttendees', [
      ...createBots(meetingId, 10, `${runTag}-fresh-`),
      message('Delete Test Attendees…'),
      pick(fill), // Delete Test Attendees…, step 1 of 2: the prefix its bots share, suggested with their count
      message('Delete 245 Attendees'),
      hide, // its results
      hide, // the created attendees
    ]);
    const deletion = ui.inputs().find((input) => input.title === 'Delete Chime Test Attendees');
    assert.deepEqual([deletion?.step, deletion?.totalSteps], [1, 2], 'the meeting is not asked again');
    assert.ok(deletion?.items?.includes(`${fill} — 245 attendees`), `suggestions: ${deletion?.items}`);
    const [, confirm] = ui.messages();
    assert.equal(confirm?.modal, true);
    assert.match(
      confirm?.message ?? '',
      new RegExp(`^Delete 245 attendees whose ExternalUserId starts with "${fill}" from meeting ${meetingId}\\?`),
    );
    const titles = ui.inputs().map((input) => input.title);
    assert.deepEqual(titles.slice(-2), [`Deleted 245 attendees from meeting ${meetingId}`, `Created 10 attendees in meeting ${meetingId}`]);
    assert.deepEqual(ui.progressTitles, [
      `Creating 10 attendees in meeting ${meetingId}…`,
      `Listing the attendees of meeting ${meetingId}…`,
      `Deleting 245 attendees from meeting ${meetingId}…`,
      `Creating 10 attendees in meeting ${meetingId}…`,
    ]);
    const held = (await emulator.attendees(meetingId)).map((a) => a.ExternalUserId).sort();
    assert.deepEqual(held, numbered(`${runTag}-fresh-`, 10).sort());
  });

  it('without test attendees to delete, leads with creating the ones that fit, and creates just those', async () => {
    const meetingId = await emulator.createMeeting();
    // Named, not numbered: nothing Delete Test Attendees… would suggest.
    const people = Array.from(
      { length: 240 },
      (_, i) => `${runTag}-person-${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
    );
    await fillMeeting(worker, meetingId, people);
    const stem = `${runTag}-fits-`;
    const { ui } = await runCommand('chimeAttendees.createTestAttendees', [
      ...createBots(meetingId, 12, stem),
      message('Create the 10 that fit'),
      hide,
    ]);
    const [warning] = ui.messages();
    assert.deepEqual(warning?.buttons, ['Create the 10 that fit', 'Delete Test Attendees…', 'Create Anyway']);
    assert.match(warning?.message ?? '', /It holds no test attendees \(numbered ExternalUserIds\): create the 10 that fit\?$/);
    assert.equal(ui.inputs().at(-1)?.title, `Created 10 attendees in meeting ${meetingId}`);
    const held = (await emulator.attendees(meetingId))
      .map((a) => a.ExternalUserId)
      .filter((id) => id.startsWith(stem))
      .sort();
    assert.deepEqual(held, numbered(stem, 10).sort());
  });

  it('"Create Anyway" sends it: the service creates what fits and fails the rest', async () => {
    const meetingId = await emulator.createMeeting();
    await fillMeeting(worker, meetingId, numbered(`${runTag}-most-`, 248));
    const { ui } = await runCommand('chimeAttendees.createTestAttendees', [
      ...createBots(meetingId, 3, `${runTag}-more-`),
      message('Create Anyway'),
      hide,
    ]);
    const results = ui.inputs().at(-1);
    assert.equal(results?.title, `Created 2 of 3 attendees (1 failed) in meeting ${meetingId}`);
    assert.ok(
      results?.items?.some((item) => item.includes('LimitExceededException')),
      `results: ${results?.items}`,
    );
    assert.equal((await emulator.attendees(meetingId)).length, 250);
  });

  it('counts no slot for an ExternalUserId already in the meeting: a full meeting still answers its own attendees', async () => {
    const meetingId = await emulator.createMeeting();
    const stem = `${runTag}-again-`;
    await fillMeeting(worker, meetingId, numbered(stem, 250));
    const { ui, log } = await runCommand('chimeAttendees.createTestAttendees', [...createBots(meetingId, 3, stem), hide]);
    assert.deepEqual(ui.messages(), [], 'no warning');
    const results = ui.inputs().at(-1);
    assert.equal(results?.title, `Created 0 of 3 attendees (3 already in the meeting) in meeting ${meetingId}`);
    // Filled with the service's default capabilities; asked again as silent bots, they keep theirs.
    const kept = 'Already in the meeting, kept as it was: Audio SendReceive · Video SendReceive · Content SendReceive';
    if (api !== 'chime')
      assert.ok(
        results?.items?.every((item) => item.endsWith(`${kept} (not the Audio Receive · Video None · Content None asked for)`)),
        `results: ${results?.items}`,
      );
    assert.ok(
      log.some((line) => line.includes('250 of 250 slots used; asked for 0 new, 3 already present')),
      log.join('\n'),
    );
  });

  it('a token that may not read is told the meeting could not be checked, and creation goes on', async function () {
    if (!worker.noReadToken) this.skip();
    const meetingId = await emulator.createMeeting();
    const { ui } = await withToken(worker, worker.noReadToken!, () =>
      runCommand('chimeAttendees.createTestAttendees', [
        ...createBots(meetingId, 2, `${runTag}-blind-`),
        message(), // could not check
        { kind: 'itemButton', label: `${runTag}-blind-1`, tooltip: 'Copy join info (Meeting + Attendee)' },
        message(), // reading the meeting for join info is refused too
        hide,
      ]),
    );
    const [notice, refusal] = ui.messages();
    assert.equal(notice?.type, 'info');
    assert.match(
      notice?.message ?? '',
      new RegExp(
        `^Could not check meeting ${meetingId} for free slots \\(ForbiddenException: token 'no-read' may not read .*\\); creating the attendees without checking\\.$`,
      ),
    );
    assert.equal(ui.inputs().at(-1)?.title, `Created 2 attendees in meeting ${meetingId}`);
    assert.equal(refusal?.type, 'error');
    assert.match(refusal?.message ?? '', /^The worker refused this token \(ForbiddenException\): token 'no-read' may not read/);
    assert.equal((await emulator.attendees(meetingId)).length, 2);
  });
});
