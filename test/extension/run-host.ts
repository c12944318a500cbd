/**
 * `npm run test:extension:host`: the extension's suites in a real VS Code extension host, against the
 * worker in workerd (wrangler dev) and the local Chime emulator, as a developer would use them.
 */
import { randomBytes } from 'node:crypto';
import { environmentFor } from '../support/worker-under-test.ts';
import { startLocalWorker } from '../tools/local-stack.ts';
import { runHostTests } from '../vscode/run-host-tests.mjs';

/** A second token, scoped to create and delete: a token without `read` must not stop creation. */
const noReadToken = `no-read-${randomBytes(16).toString('hex')}`;
// The suites share one meeting for the whole run, which may outlast a meeting's 5 minutes.
const stack = await startLocalWorker({ noReadToken, meetingAutoEndMs: 60 * 60_000 });
let code = 1;
try {
  const meetingId = await stack.emulator.createMeeting();
  code = await runHostTests({ env: environmentFor({ ...stack, meetingId }) });
} finally {
  await stack.close();
}
process.exit(code);
