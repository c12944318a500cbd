/**
 * `npm run test:extension:host`: the extension's suites in a real VS Code extension host, against the
 * worker in workerd (wrangler dev) and the local Chime emulator, as a developer would use them.
 */
import { randomBytes } from 'node:crypto';
import { runHostTests } from '../vscode/run-host-tests.mjs';
import { startLocalStack } from '../tools/local-stack.ts';
import { noReadTokenConfig } from './unit/support/realWorker.ts';

/** A second token, scoped to create and delete: a token without `read` must not stop creation. */
const noReadToken = `no-read-${randomBytes(16).toString('hex')}`;
// The suites share one meeting for the whole run, which may outlast a meeting's 5 minutes.
const stack = await startLocalStack({ vars: { API_TOKENS_JSON: noReadTokenConfig(noReadToken) }, meetingAutoEndMs: 60 * 60_000 });
let code = 1;
try {
  const created = await fetch(`${stack.emulator.url}/_emulator/meetings`, { method: 'POST' });
  const { Meeting } = (await created.json()) as { Meeting: { MeetingId: string } };
  code = await runHostTests({
    env: {
      CHIME_TEST_WORKER_URL: stack.workerUrl,
      CHIME_TEST_TOKEN: stack.token,
      CHIME_TEST_NO_READ_TOKEN: noReadToken,
      CHIME_TEST_MEETING_ID: Meeting.MeetingId,
      CHIME_TEST_EMULATOR_URL: stack.emulator.url,
    },
  });
} finally {
  await stack.close();
}
process.exit(code);
