import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { resetSettings, setSetting } from '../support/extension.ts';
import { useToken } from '../support/flows.ts';
import { deadUrl } from '../support/servers.ts';
import { runCommand } from '../support/session.ts';
import { accept, assertLogKeeps, hide, meeting, message, options, workerApi } from '../support/steps.ts';
import type { WorkerWithMeeting } from '../../../support/worker-under-test.ts';
import { runTag, workerUnderTest } from '../support/worker.ts';

describe('Chime: Set / Forget Worker Token', () => {
  let worker: WorkerWithMeeting;
  let api: string;

  before(async () => {
    worker = await workerUnderTest();
    api = await workerApi(worker.url);
    await setSetting('workerUrl', worker.url);
  });
  after(resetSettings);

  it('asks for the token in a password box, checks it with the worker and says what it may do', async () => {
    const refused = await runCommand('chimeAttendees.setToken', [accept('two words')]);
    assert.equal(refused.ui.seen[0]?.validationMessage, 'Enter the token: one word, no spaces');
    assert.deepEqual(refused.ui.statusMessages, []);

    const stored = await runCommand('chimeAttendees.setToken', [accept(worker.token), message()]);
    const [box] = stored.ui.seen;
    assert.equal(box?.password, true);
    assert.ok(box?.prompt?.includes(worker.url), 'the prompt does not name the worker');
    assert.deepEqual(stored.ui.progressTitles, [`Checking the token with the worker at ${worker.url}…`]);
    const [told] = stored.ui.messages();
    assert.equal(told?.type, 'info');
    assert.match(
      told?.message ?? '',
      /^Token "[\w-]+" saved: it may read meetings and their attendees, create attendees, delete attendees/,
    );
    assert.deepEqual(stored.ui.statusMessages, ['$(key) Chime worker token saved']);
    assertLogKeeps(stored.log, [worker.token]);
  });

  it('names what a scoped token may not do', async function () {
    if (!worker.noReadToken) this.skip();
    try {
      const { ui } = await runCommand('chimeAttendees.setToken', [accept(worker.noReadToken), message()]);
      assert.match(
        ui.messages()[0]?.message ?? '',
        /: it may create attendees and delete attendees\. It may not read meetings and their attendees/,
      );
    } finally {
      await useToken(worker.token);
    }
  });

  it('refuses a token the worker refuses, keeping the one it had', async () => {
    const { ui, log } = await runCommand('chimeAttendees.setToken', [accept('not-the-right-token'), message('Set Worker Token'), hide]);
    const [refusal] = ui.messages();
    assert.equal(refusal?.type, 'error');
    assert.equal(refusal?.message, `The worker at ${worker.url} does not accept this token (UnauthorizedException); it was not saved.`);
    assert.equal(ui.seen.at(-1)?.type, 'showInputBox', 'Set Worker Token did not ask again');
    assert.deepEqual(ui.statusMessages, []);
    assertLogKeeps(log, ['not-the-right-token']);
    // The worker's own token is still the one sent.
    const created = await runCommand('chimeAttendees.createAttendees', [
      meeting(worker.meetingId),
      accept(`${runTag}-kim`),
      options(api),
      hide,
    ]);
    assert.equal(created.ui.inputs().at(-1)?.title, `Created 1 attendee in meeting ${worker.meetingId}`);
  });

  it('forgets the token only when confirmed, then asks for one before any step', async () => {
    const kept = await runCommand('chimeAttendees.clearToken', [message()]);
    const [question] = kept.ui.messages();
    assert.deepEqual([question?.type, question?.modal, question?.buttons], ['warning', true, ['Forget Token']]);
    assert.equal(question?.message, `Forget the worker token? Requests to ${worker.url} are refused until you set one again.`);
    assert.deepEqual(kept.ui.statusMessages, []);

    const cleared = await runCommand('chimeAttendees.clearToken', [message('Forget Token')]);
    assert.deepEqual(cleared.ui.statusMessages, ['$(key) Chime worker token cleared']);

    const attendee = `${runTag}-dave`;
    const { ui, log } = await runCommand('chimeAttendees.createAttendees', [
      message('Set Worker Token'),
      accept(worker.token),
      message(),
      meeting(worker.meetingId),
      accept(attendee),
      options(api),
      hide,
    ]);
    const [noToken] = ui.messages();
    assert.equal(noToken?.type, 'error');
    assert.equal(noToken?.message, `No worker token is set: the worker at ${worker.url} needs one. Set it, then go on.`);
    assert.deepEqual(noToken?.buttons, ['Set Worker Token']);
    assert.equal(
      ui.seen.findIndex((seen) => seen.type === 'quickPick'),
      3,
      'a step was asked before the token was set',
    );
    assert.equal(ui.inputs().at(-1)?.title, `Created 1 attendee in meeting ${worker.meetingId}`);
    assertLogKeeps(log, [worker.token, attendee]);
  });

  it('keeps a token the worker could not check only when asked to, and a wrong one is refused at the request', async () => {
    await setSetting('workerUrl', await deadUrl());
    const declined = await runCommand('chimeAttendees.setToken', [accept('not-the-right-token'), message()]);
    const [question] = declined.ui.messages();
    assert.deepEqual([question?.type, question?.modal, question?.buttons], ['warning', true, ['Save Anyway']]);
    assert.match(
      question?.message ?? '',
      /^Could not check the token with the worker at http:\/\/127\.0\.0\.1:\d+ \(network error: .*ECONNREFUSED.*\)\. Save it anyway\?$/,
    );
    assert.deepEqual(declined.ui.statusMessages, []);

    const saved = await runCommand('chimeAttendees.setToken', [accept('not-the-right-token'), message('Save Anyway')]);
    assert.deepEqual(saved.ui.statusMessages, ['$(key) Chime worker token saved']);
    await setSetting('workerUrl', worker.url);
    try {
      const { ui, log } = await runCommand('chimeAttendees.createAttendees', [
        meeting(worker.meetingId),
        accept(`${runTag}-erin`),
        options(api),
        message(),
      ]);
      const [refusal] = ui.messages();
      assert.match(refusal?.message ?? '', /^The worker did not accept the token \(UnauthorizedException\)/);
      assert.deepEqual(refusal?.buttons, ['Set Worker Token']);
      assertLogKeeps(log, ['not-the-right-token']);
    } finally {
      await useToken(worker.token);
    }
  });
});
