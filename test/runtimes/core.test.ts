/**
 * The core suite, once per runtime the worker claims (workerd, Deno, Node): the same app, started as it
 * would be deployed, called over real HTTP on 127.0.0.1 and calling a local Amazon Chime emulator.
 * The full behaviour is proven in workerd by test/edge/; this proves each runtime carries it.
 */
import { connect } from 'node:net';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchCreateAttendeeResponseSchema, HEADERS, LIMITS } from '../../shared/index.ts';
import { LOCAL_CREDENTIALS } from '../emulator/defaults.ts';
import { startEmulator, type Emulator } from '../emulator/server.ts';
import { emulatorControl, type EmulatorControl } from '../support/emulator-control.ts';
import { RUNTIMES, startRuntime, type RunningServer } from './launch.ts';

const TOKEN = 'runtime-suite-token-0123456789';

/**
 * One POST with a Content-Length written to a socket of its own as is, and what was read of the answer when the
 * connection closed; `reset` if it was reset under the body (fetch would throw and lose the answer).
 */
function rawPost(url: URL, headers: Record<string, string>, body: Buffer): Promise<{ answer: string; reset: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    const received: Buffer[] = [];
    let reset = false;
    socket.setTimeout(20_000, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.on('error', () => (reset = true));
    socket.on('close', () => resolve({ answer: Buffer.concat(received).toString('utf8'), reset }));
    const head = [`POST ${url.pathname} HTTP/1.1`, `host: ${url.host}`, 'connection: close', `content-length: ${body.length}`];
    for (const [name, value] of Object.entries(headers)) head.push(`${name}: ${value}`);
    socket.write(`${head.join('\r\n')}\r\n\r\n`);
    socket.end(body);
  });
}

describe.each(RUNTIMES)('on %s', (runtime) => {
  let emulator: Emulator;
  let control: EmulatorControl;
  let server: RunningServer;

  beforeAll(async () => {
    emulator = await startEmulator();
    control = emulatorControl(emulator.url);
    server = await startRuntime(runtime, {
      CHIME_API: 'chime-sdk-meetings',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      CHIME_ENDPOINT: emulator.url,
      API_TOKENS: `other-token,${TOKEN}`,
      RETRY_DEADLINE_MS: '3000',
    });
  });

  afterAll(async () => {
    await server?.close();
    await emulator?.close();
  });

  async function post(meetingId: string, body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) {
    const response = await fetch(`${server.url}/meetings/${meetingId}/attendees`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    return { response, json: (await response.json()) as any };
  }
  const attendees = (...ids: string[]) => ({ Attendees: ids.map((ExternalUserId) => ({ ExternalUserId })) });

  it('answers /healthz without a token', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, api: 'chime-sdk-meetings' });
  });

  it('serves its OpenAPI document, unpacked from the bundle', async () => {
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as { openapi: string; paths: object };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/meetings/{MeetingId}/attendees');
  });

  it('creates attendees, in the request order and in the emulator', async () => {
    const meetingId = await control.createMeeting();
    const { response, json } = await post(meetingId, {
      Attendees: [
        { ExternalUserId: 'alice@example.com' },
        { ExternalUserId: 'bot-1', Capabilities: { Audio: 'Receive', Video: 'None', Content: 'None' } },
      ],
    });

    expect(response.status).toBe(200);
    expect(v.is(BatchCreateAttendeeResponseSchema, json)).toBe(true);
    expect(json.Errors).toEqual([]);
    expect(json.Attendees.map((a: any) => a.ExternalUserId)).toEqual(['alice@example.com', 'bot-1']);
    expect(json.Attendees[1].Capabilities).toEqual({ Audio: 'Receive', Video: 'None', Content: 'None' });
    expect(response.headers.get(HEADERS.attempts)).toBe('1');
    expect(response.headers.get(HEADERS.requestId)).toBeTruthy();
    const stored = await control.attendees(meetingId);
    expect(stored.map((a) => a.AttendeeId).sort()).toEqual(json.Attendees.map((a: any) => a.AttendeeId).sort());
  });

  it('refuses an invalid body, naming each failing field, without calling Amazon Chime', async () => {
    const meetingId = await control.createMeeting();
    const before = await control.calls('BatchCreateAttendee');
    const { response, json } = await post(meetingId, { Attendees: [{ ExternalUserId: 'x' }, { ExternalUserId: 'aws:bot' }] });

    expect(response.status).toBe(400);
    expect(response.headers.get(HEADERS.errorType)).toBe('BadRequestException');
    expect(json.Code).toBe('BadRequestException');
    expect(json.Issues.map((issue: any) => issue.Path)).toEqual(['Attendees[0].ExternalUserId', 'Attendees[1].ExternalUserId']);
    expect(JSON.stringify(json)).not.toContain('aws:bot');
    expect(await control.calls('BatchCreateAttendee')).toBe(before);
  });

  it('refuses a missing or unknown bearer token', async () => {
    const meetingId = await control.createMeeting();
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }] as Record<string, string>[]) {
      const { response, json } = await post(meetingId, attendees('alice'), headers);
      expect(response.status).toBe(401);
      expect(json.Code).toBe('UnauthorizedException');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect(await control.attendees(meetingId)).toEqual([]);
  });

  it('answers a body over the size bound, sent whole with its Content-Length, with the 413 that names the bound', async () => {
    const meetingId = await control.createMeeting();
    // As large as a body read before it is refused may be: the largest bound of either API.
    const body = Buffer.from(`{"Attendees":[${' '.repeat(LIMITS.legacy.requestBodyBytes - 16)}]}`);
    const url = new URL(`${server.url}/meetings/${meetingId}/attendees`);
    for (let request = 0; request < 3; request++) {
      const { answer, reset } = await rawPost(url, { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body);
      expect([reset, answer.slice(0, 'HTTP/1.1 413'.length)]).toEqual([false, 'HTTP/1.1 413']);
      const json = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { Code: string; Message: string };
      expect(json).toMatchObject({
        Code: 'PayloadTooLargeException',
        Message: `The request body must be at most ${LIMITS.requestBodyBytes} bytes`,
      });
    }
  });

  it('passes on an upstream error: an unknown meeting is 404 NotFoundException', async () => {
    const { response, json } = await post('00000000-0000-4000-8000-000000000000', attendees('alice'));
    expect(response.status).toBe(404);
    expect(json.Code).toBe('NotFoundException');
    expect(response.headers.get(HEADERS.attempts)).toBe('1');
  });

  it('retries a 503 from upstream and then succeeds', async () => {
    const meetingId = await control.createMeeting();
    await control.setFaults({ script: [{ outcome: 503 }] });
    try {
      const { response, json } = await post(meetingId, attendees('carol'));
      expect(response.status).toBe(200);
      expect(json.Attendees.map((a: any) => a.ExternalUserId)).toEqual(['carol']);
      expect(response.headers.get(HEADERS.attempts)).toBe('2');
    } finally {
      await control.setFaults({});
    }
  });

  it('splits 250 attendees into three calls of at most 100 and keeps the order', async () => {
    const meetingId = await control.createMeeting();
    const before = await control.calls('BatchCreateAttendee');
    const wanted = Array.from({ length: 250 }, (_, i) => `bulk-${i}`);
    const { response, json } = await post(meetingId, attendees(...wanted));

    expect(response.status).toBe(200);
    expect(json.Errors).toEqual([]);
    expect(json.Attendees.map((a: any) => a.ExternalUserId)).toEqual(wanted);
    expect(response.headers.get(HEADERS.attempts)).toBe('3');
    expect((await control.calls('BatchCreateAttendee')) - before).toBe(3);
    expect(await control.attendees(meetingId)).toHaveLength(250);
  });
});
