import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import { resetSettings, setSetting } from '../support/extension.ts';
import { runCommand } from '../support/session.ts';
import { accept, assertLogKeeps, hide, meeting, message, options, workerApi } from '../support/steps.ts';
import { runTag, workerUnderTest, type WorkerUnderTest } from '../support/worker.ts';

describe('Chime: Set / Clear Worker Token', () => {
  let worker: WorkerUnderTest;
  let api: string;

  before(async () => {
    worker = await workerUnderTest();
    api = await workerApi(worker.url);
    await setSetting('workerUrl', worker.url);
  });
  after(resetSettings);

  it('asks for the token in a password box, refusing one with spaces', async () => {
    const refused = await runCommand('chimeAttendees.setToken', [accept('two words')]);
    assert.equal(refused.ui.seen[0]?.validationMessage, 'Enter the token: one word, no spaces');
    assert.deepEqual(refused.ui.statusMessages, []);

    const stored = await runCommand('chimeAttendees.setToken', [accept(worker.token)]);
    const [box] = stored.ui.seen;
    assert.equal(box?.password, true);
    assert.ok(box?.prompt?.includes(worker.url), 'the prompt does not name the worker');
    assert.deepEqual(stored.ui.statusMessages, ['$(key) Chime worker token saved']);
    assertLogKeeps(stored.log, [worker.token]);
  });

  it('after clearing, a request offers to set the token and retries with it', async () => {
    const cleared = await runCommand('chimeAttendees.clearToken', []);
    assert.deepEqual(cleared.ui.statusMessages, ['$(key) Chime worker token cleared']);

    const attendee = `${runTag}-dave`;
    const { ui, log } = await runCommand('chimeAttendees.createAttendees', [
      meeting(worker.meetingId),
      accept(attendee),
      options(api),
      message('Set Worker Token'),
      accept(worker.token),
      hide,
    ]);
    const [refusal] = ui.messages();
    assert.equal(refusal?.type, 'error');
    assert.match(refusal?.message ?? '', /^The worker needs a token, and none is set \(UnauthorizedException\)/);
    assert.deepEqual(refusal?.buttons, ['Set Worker Token']);
    assert.equal(ui.progressTitles.length, 2, 'the request was not sent again after the token was set');
    assert.equal(ui.inputs().at(-1)?.title, `Created 1 attendee in meeting ${worker.meetingId}`);
    assertLogKeeps(log, [worker.token, attendee]);
  });

  it('a wrong token is refused, with a way to set the right one', async () => {
    await runCommand('chimeAttendees.setToken', [accept('not-the-right-token')]);
    try {
      const { ui, log } = await runCommand('chimeAttendees.createAttendees', [meeting(worker.meetingId), accept(`${runTag}-erin`), options(api), message()]);
      const [refusal] = ui.messages();
      assert.match(refusal?.message ?? '', /^The worker did not accept the token \(UnauthorizedException\)/);
      assert.deepEqual(refusal?.buttons, ['Set Worker Token']);
      assertLogKeeps(log, ['not-the-right-token']);
    } finally {
      await runCommand('chimeAttendees.setToken', [accept(worker.token)]);
    }
  });
});
