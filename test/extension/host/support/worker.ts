import { AwsClient } from 'aws4fetch';
import { randomUUID } from 'node:crypto';
import { LOCAL_CREDENTIALS } from '../../../emulator/defaults.ts';
import { startRealWorker } from '../../unit/support/realWorker.ts';

/** The worker the suites talk to: one named by the environment, or else the worker app + emulator in this process. */
export interface WorkerUnderTest {
  url: string;
  token: string;
  /** A token that may create and delete but not read, when the worker has one. */
  noReadToken: string | undefined;
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
    return {
      url,
      token,
      noReadToken: env.CHIME_TEST_NO_READ_TOKEN,
      meetingId,
      emulatorUrl: env.CHIME_TEST_EMULATOR_URL,
      close: async () => {},
    };
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
export async function emulatorAttendees(
  emulatorUrl: string,
  meetingId: string,
): Promise<Array<{ AttendeeId: string; ExternalUserId: string }>> {
  const response = await fetch(`${emulatorUrl}/_emulator/state`);
  const state = (await response.json()) as {
    meetings: Array<{ MeetingId: string; Attendees: Array<{ AttendeeId: string; ExternalUserId: string }> }>;
  };
  return state.meetings.find((meeting) => meeting.MeetingId === meetingId)?.Attendees ?? [];
}

/** What the suites about test meetings need from the emulator; only when the worker under test has one. */
export interface EmulatorControl {
  url: string;
  /** A new meeting of its own, so counts are exact whatever the other suites did. */
  createMeeting(): Promise<string>;
  /** Ends it the way AWS does (DeleteMeeting): from then on every call about it is a 404. */
  endMeeting(meetingId: string): Promise<void>;
  attendees(meetingId: string): Promise<Array<{ AttendeeId: string; ExternalUserId: string }>>;
  /** Calls the emulator has answered, by operation. */
  calls(): Promise<Record<string, number>>;
  /** Every DeleteAttendee waits this long (0: no faults at all). */
  slowDeletes(latencyMs: number): Promise<void>;
}

export function emulatorControl(emulatorUrl: string): EmulatorControl {
  const state = async () =>
    (await (await fetch(`${emulatorUrl}/_emulator/state`)).json()) as {
      calls: Record<string, number>;
      meetings: Array<{ MeetingId: string; Attendees: Array<{ AttendeeId: string; ExternalUserId: string }> }>;
    };
  return {
    url: emulatorUrl,
    async createMeeting() {
      const created = await fetch(`${emulatorUrl}/_emulator/meetings`, { method: 'POST' });
      return ((await created.json()) as { Meeting: { MeetingId: string } }).Meeting.MeetingId;
    },
    async endMeeting(meetingId) {
      const aws = new AwsClient({ ...LOCAL_CREDENTIALS, service: 'chime', region: 'us-east-1', retries: 0 });
      const response = await aws.fetch(`${emulatorUrl}/meetings/${meetingId}`, { method: 'DELETE' });
      if (response.status !== 204) throw new Error(`ending meeting ${meetingId} failed: HTTP ${response.status}`);
    },
    attendees: (meetingId) => emulatorAttendees(emulatorUrl, meetingId),
    calls: async () => (await state()).calls,
    async slowDeletes(latencyMs) {
      const faults = latencyMs ? { operations: ['DeleteAttendee'], latencyMs } : {};
      const response = await fetch(`${emulatorUrl}/_emulator/faults`, { method: 'PUT', body: JSON.stringify(faults) });
      if (!response.ok) throw new Error(`setting the emulator's faults failed: HTTP ${response.status}`);
    },
  };
}

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
