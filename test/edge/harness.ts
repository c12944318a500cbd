import { inject } from 'vitest';
import { createApp } from '../../edge/app.ts';
import type { Env } from '../../edge/env.ts';
import { LOCAL_CREDENTIALS } from '../emulator/defaults.ts';
import { emulatorControl } from '../support/emulator-control.ts';
import { PACE_OUT_OF_THE_WAY } from '../tools/pace.ts';

export const TOKEN = 'test-token-0123456789';
export const app = createApp();

/** The emulators testEnv() points the worker at (current and legacy API), through their unsigned control endpoints. */
export const emulator = emulatorControl(inject('emulatorUrl'));
export const legacyEmulator = emulatorControl(inject('legacyEmulatorUrl'));
export const emulatorFor = (legacy: boolean) => (legacy ? legacyEmulator : emulator);

/** Bindings for a worker that talks to the local emulator of the given API flavor. */
export function testEnv(overrides: Partial<Env> = {}, legacy = false): Env {
  return {
    CHIME_API: legacy ? 'chime' : 'chime-sdk-meetings',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    CHIME_ENDPOINT: emulatorFor(legacy).url,
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
