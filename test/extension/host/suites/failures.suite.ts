import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'mocha';
import { resetSettings, setSetting } from '../support/extension.ts';
import { connectTo } from '../support/flows.ts';
import { deadUrl, startStallingWorker, type LocalServer } from '../support/servers.ts';
import { runCommand } from '../support/session.ts';
import { accept, hide, meeting, message, options, pick, workerApi } from '../support/steps.ts';
import type { WorkerWithMeeting } from '../../../support/worker-under-test.ts';
import { runTag, workerUnderTest } from '../support/worker.ts';

describe('Failures become a message with the next step', () => {
  let worker: WorkerWithMeeting;
  let api: string;
  let stalling: LocalServer;

  before(async () => {
    worker = await workerUnderTest();
    api = await workerApi(worker.url);
    stalling = await startStallingWorker();
    await connectTo(worker);
  });
  afterEach(resetSettings);
  after(() => stalling.close());

  it('names a meeting that does not exist, and forgets it', async () => {
    await setSetting('workerUrl', worker.url);
    const missing = randomUUID();
    const { ui } = await runCommand('chimeAttendees.createAttendees', [
      meeting(missing),
      accept(`${runTag}-frank`),
      options(api, 'Service default'),
      message(),
    ]);
    const [notFound] = ui.messages();
    assert.equal(notFound?.type, 'error');
    // The meeting is checked before anything is sent; the worker's words say what to do.
    assert.match(
      notFound?.message ?? '',
      new RegExp(`^Meeting ${missing} was not found or has ended \\(Amazon Chime: .*create a new one\\. \\(NotFoundException, request `),
    );

    const next = await runCommand('chimeAttendees.createAttendees', [hide]);
    assert.ok(!next.ui.inputs()[0]?.items?.some((item) => item.startsWith(missing)), 'the missing meeting is still offered as recent');
  });

  // The stand-ins below answer /healthz as the current API, so the last step asks for capabilities.
  it('follows a changed worker URL at once, and says nothing answers there before asking anything', async () => {
    const dead = await deadUrl();
    await setSetting('workerUrl', dead);
    for (const command of ['chimeAttendees.createAttendees', 'chimeAttendees.createTestAttendees']) {
      const { ui, log } = await runCommand(command, [message('Retry'), message()]);
      const [first, second] = ui.messages();
      assert.match(first?.message ?? '', new RegExp(`^Could not reach the worker at ${dead} \\(.*ECONNREFUSED`));
      assert.deepEqual(first?.buttons, ['Retry', 'Open Settings']);
      assert.equal(second?.message, first?.message, 'Retry did not check again');
      assert.deepEqual([ui.inputs().length, ui.progressTitles.length], [0, 0], 'a step was asked, or a request sent');
      assert.equal(
        log.filter((line) => line.includes(`health check of ${dead} failed`)).length,
        2,
        'the failed health checks were not logged',
      );
    }
  });

  it('gives up after the configured timeout', async () => {
    await setSetting('workerUrl', stalling.url);
    await setSetting('requestTimeoutSeconds', 1);
    const started = Date.now();
    const { ui } = await runCommand('chimeAttendees.createAttendees', [
      meeting(worker.meetingId),
      accept(`${runTag}-hal`),
      pick('Service default'),
      message(),
    ]);
    const [timeout] = ui.messages();
    assert.equal(timeout?.type, 'warning');
    assert.equal(
      timeout?.message,
      'The worker did not answer within 1 s. Retry, or allow longer with chimeAttendees.requestTimeoutSeconds.',
    );
    assert.ok(Date.now() - started < 10_000, 'the timeout was not kept');
  });

  it('cancelling the progress aborts the request quietly', async () => {
    await setSetting('workerUrl', stalling.url);
    const started = Date.now();
    const { ui, log } = await runCommand(
      'chimeAttendees.createAttendees',
      [meeting(worker.meetingId), accept(`${runTag}-ivy`), pick('Service default')],
      { cancelProgressAfterMs: 200 },
    );
    assert.deepEqual(ui.messages(), [], 'a cancelled request showed a message');
    assert.equal(ui.progressTitles.length, 1);
    assert.ok(Date.now() - started < 10_000, 'cancelling did not stop the request');
    assert.ok(
      log.some((line) => line.endsWith('asked for 1, cancelled')),
      `no cancellation in the log: ${log.join('\n')}`,
    );
  });
});
