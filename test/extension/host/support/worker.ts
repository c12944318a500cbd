import { randomUUID } from 'node:crypto';
import { workerFromEnvironment, type WorkerUnderTest, type WorkerWithMeeting } from '../../../support/worker-under-test.ts';
import { startRealWorker } from '../../unit/support/realWorker.ts';

let shared: Promise<WorkerWithMeeting> | undefined;

/** The worker the suites talk to: one named by the environment, or else the worker app + emulator in this process. */
export function workerUnderTest(env = process.env): Promise<WorkerWithMeeting> {
  shared ??= start(env);
  return shared;
}

async function start(env: NodeJS.ProcessEnv): Promise<WorkerWithMeeting> {
  const named = workerFromEnvironment(env);
  if (named) {
    console.log(`[host tests] worker ${named.url} (from CHIME_TEST_WORKER_URL)`);
    return named;
  }
  const worker = await startRealWorker();
  console.log(`[host tests] no CHIME_TEST_WORKER_URL/TOKEN/MEETING_ID: worker app + emulator in-process at ${worker.url}`);
  return worker;
}

export async function stopWorkerUnderTest(): Promise<void> {
  await (await shared)?.close();
  shared = undefined;
}

/** ExternalUserIds unique to this run, so reruns against a long-lived meeting never collide. */
export const runTag = `host-${randomUUID().slice(0, 8)}`;

/** Creates attendees straight through the worker (no UI), for a meeting to start with. */
export async function fillMeeting(
  worker: WorkerUnderTest,
  meetingId: string,
  externalUserIds: string[],
): Promise<Array<{ AttendeeId: string; ExternalUserId: string }>> {
  const response = await fetch(`${worker.url}/meetings/${meetingId}/attendees`, {
    method: 'POST',
    headers: { authorization: `Bearer ${worker.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ Attendees: externalUserIds.map((ExternalUserId) => ({ ExternalUserId })) }),
  });
  const body = (await response.json()) as { Attendees: Array<{ AttendeeId: string; ExternalUserId: string }>; Errors: unknown[] };
  if (!response.ok || body.Errors.length)
    throw new Error(`filling meeting ${meetingId} failed: HTTP ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body.Attendees.map(({ AttendeeId, ExternalUserId }) => ({ AttendeeId, ExternalUserId }));
}
