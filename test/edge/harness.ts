import { AwsClient } from 'aws4fetch';
import { inject } from 'vitest';
import { createApp } from '../../edge/app.ts';
import type { Env } from '../../edge/env.ts';
import { LOCAL_CREDENTIALS } from '../emulator/defaults.ts';
import { PACE_OUT_OF_THE_WAY } from '../tools/pace.ts';

export const TOKEN = 'test-token-0123456789';
export const app = createApp();

/** Bindings for a worker that talks to the local emulator of the given API flavor. */
export function testEnv(overrides: Partial<Env> = {}, legacy = false): Env {
  return {
    CHIME_API: legacy ? 'chime' : 'chime-sdk-meetings',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    CHIME_ENDPOINT: inject(legacy ? 'legacyEmulatorUrl' : 'emulatorUrl'),
    API_TOKENS: `other-token,${TOKEN}`,
    RETRY_DEADLINE_MS: '3000',
    // Pacing has its own suite (pacing.test.ts); elsewhere it must not slow tests that make hundreds of calls.
    ...PACE_OUT_OF_THE_WAY,
    ...overrides,
  };
}

/** The worker's answer to an attendees request; `body` may be any value or raw text. */
export async function postAttendees(
  env: Env,
  meetingId: string,
  body: unknown,
  init: { headers?: Record<string, string>; query?: string } = {},
) {
  const response = await app.fetch(
    new Request(`http://worker.test/meetings/${meetingId}/attendees${init.query ?? ''}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...init.headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
    env,
  );
  return { response, json: (await response.json()) as any };
}

/** Any call to the worker; a JSON body is sent with its content-type, the test token unless another is given. */
export async function callWorker(env: Env, method: string, path: string, init: { body?: unknown; token?: string } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${init.token ?? TOKEN}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await app.fetch(
    new Request(`http://worker.test${path}`, { method, headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) }),
    env,
  );
  const text = await response.text();
  return { response, text, json: text ? (JSON.parse(text) as any) : undefined };
}

export const getMeeting = (env: Env, meetingId: string, token?: string) => callWorker(env, 'GET', `/meetings/${meetingId}`, { token });
export const listAttendees = (env: Env, meetingId: string, token?: string) =>
  callWorker(env, 'GET', `/meetings/${meetingId}/attendees`, { token });
export const deleteAttendee = (env: Env, meetingId: string, attendeeId: string, token?: string) =>
  callWorker(env, 'DELETE', `/meetings/${meetingId}/attendees/${attendeeId}`, { token });
export const deleteAttendees = (env: Env, meetingId: string, body: unknown, token?: string) =>
  callWorker(env, 'POST', `/meetings/${meetingId}/attendees/delete`, { body, token });

/** `POST /meetings` (CreateMeeting, and attendees with it) and `DELETE /meetings/{MeetingId}` through the worker. */
export const postMeeting = (env: Env, body: unknown, token?: string) => callWorker(env, 'POST', '/meetings', { body, token });
export const deleteMeeting = (env: Env, meetingId: string, token?: string) =>
  callWorker(env, 'DELETE', `/meetings/${meetingId}`, { token });

export const attendees = (...ids: string[]) => ({ Attendees: ids.map((ExternalUserId) => ({ ExternalUserId })) });
export const ids = (count: number, prefix = 'user') => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

/** The emulator's control endpoints, which need no signature. */
export const emulator = {
  url: (legacy = false) => inject(legacy ? 'legacyEmulatorUrl' : 'emulatorUrl'),
  async createMeeting(legacy = false): Promise<string> {
    const response = await fetch(`${emulator.url(legacy)}/_emulator/meetings`, { method: 'POST' });
    const { Meeting } = (await response.json()) as { Meeting: { MeetingId: string } };
    return Meeting.MeetingId;
  },
  async state(legacy = false): Promise<EmulatorState> {
    return (await fetch(`${emulator.url(legacy)}/_emulator/state`)).json() as Promise<EmulatorState>;
  },
  async attendees(meetingId: string, legacy = false) {
    const state = await emulator.state(legacy);
    return state.meetings.find((m) => m.MeetingId === meetingId)?.Attendees ?? [];
  },
  async setFaults(faults: Record<string, unknown>, legacy = false) {
    const response = await fetch(`${emulator.url(legacy)}/_emulator/faults`, { method: 'PUT', body: JSON.stringify(faults) });
    if (!response.ok) throw new Error(`setting faults failed: ${response.status}`);
  },
  async reset(legacy = false) {
    await fetch(`${emulator.url(legacy)}/_emulator/reset`, { method: 'POST' });
  },
  async calls(operation = 'BatchCreateAttendee', legacy = false): Promise<number> {
    return (await emulator.state(legacy)).calls[operation] ?? 0;
  },
  /** Signed calls of every operation so far. */
  async allCalls(legacy = false): Promise<number> {
    return Object.values((await emulator.state(legacy)).calls).reduce((sum, n) => sum + n, 0);
  },
  /** Ends a meeting with a signed DeleteMeeting, as Amazon Chime's own idle timeout would. */
  async endMeeting(meetingId: string) {
    const aws = new AwsClient({ ...LOCAL_CREDENTIALS, service: 'chime', region: 'us-east-1', retries: 0 });
    const response = await aws.fetch(`${emulator.url()}/meetings/${meetingId}`, { method: 'DELETE' });
    if (response.status !== 204) throw new Error(`ending the meeting failed: ${response.status}`);
  },
};

export interface EmulatorState {
  calls: Record<string, number>;
  meetings: Array<{
    MeetingId: string;
    ExternalMeetingId?: string;
    Deleted: boolean;
    Attendees: Array<{ AttendeeId: string; ExternalUserId: string }>;
  }>;
}
