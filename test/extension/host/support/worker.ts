import { randomUUID } from 'node:crypto';
import { startRealWorker } from '../../unit/support/realWorker.ts';

/** The worker the suites talk to: one named by the environment, or else the worker app + emulator in this process. */
export interface WorkerUnderTest {
  url: string;
  token: string;
  meetingId: string;
  emulatorUrl: string | undefined;
  close(): Promise<void>;
}

let shared: Promise<WorkerUnderTest> | undefined;

export function workerUnderTest(env = process.env): Promise<WorkerUnderTest> {
  shared ??= start(env);
  return shared;
}

async function start(env: NodeJS.ProcessEnv): Promise<WorkerUnderTest> {
  const { CHIME_TEST_WORKER_URL: url, CHIME_TEST_TOKEN: token, CHIME_TEST_MEETING_ID: meetingId } = env;
  if (url && token && meetingId) {
    console.log(`[host tests] worker ${url} (from CHIME_TEST_WORKER_URL)`);
    return { url, token, meetingId, emulatorUrl: env.CHIME_TEST_EMULATOR_URL, close: async () => {} };
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

/** Attendees the emulator holds for a meeting (AttendeeId and ExternalUserId; it never shows JoinTokens). */
export async function emulatorAttendees(emulatorUrl: string, meetingId: string): Promise<Array<{ AttendeeId: string; ExternalUserId: string }>> {
  const response = await fetch(`${emulatorUrl}/_emulator/state`);
  const state = (await response.json()) as { meetings: Array<{ MeetingId: string; Attendees: Array<{ AttendeeId: string; ExternalUserId: string }> }> };
  return state.meetings.find((meeting) => meeting.MeetingId === meetingId)?.Attendees ?? [];
}
