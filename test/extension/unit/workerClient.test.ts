import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth, createAttendees, createMeeting, endMeeting, workerUrl } from '../../../extension/src/worker/client.ts';
import { FAILING_PREFIX, startFakeWorker, type FakeWorker } from './support/fakeWorker.ts';

// What only a stand-in can make happen on demand: stalls, throttling, strangers on the port.
describe('worker client', () => {
  let fake: FakeWorker;
  const target = (timeoutMs = 5_000) => ({ baseUrl: fake.url, token: fake.token, timeoutMs });
  const one = { Attendees: [{ ExternalUserId: 'alice@example.com' }] };

  beforeAll(async () => {
    fake = await startFakeWorker();
  });
  afterAll(() => fake.close());

  it('sends the token as a bearer token, and none to /healthz', async () => {
    fake.authorizations.length = 0;
    await checkHealth(target());
    await createAttendees(target(), fake.meetingId, one);
    expect(fake.authorizations).toEqual([undefined, `Bearer ${fake.token}`]);
  });

  it('creates a meeting with POST /meetings and ends it with DELETE /meetings/{MeetingId}, each with the bearer token', async () => {
    fake.requests.length = 0;
    fake.authorizations.length = 0;
    const created = await createMeeting(target(), { ExternalMeetingId: 'unit-test-meeting' });
    if (!created.ok) expect.fail(JSON.stringify(created.failure));
    const { MeetingId } = created.value.Meeting;
    expect(created.value).toMatchObject({ Meeting: { ExternalMeetingId: 'unit-test-meeting' }, Attendees: [], Errors: [] });
    expect(await endMeeting(target(), MeetingId)).toMatchObject({ ok: true, exchange: { status: 204 } });
    expect(fake.requests).toEqual(['POST /meetings', `DELETE /meetings/${MeetingId}`]);
    expect(fake.authorizations).toEqual([`Bearer ${fake.token}`, `Bearer ${fake.token}`]);
  });

  it('keeps per-attendee errors apart from created attendees', async () => {
    const result = await createAttendees(target(), fake.meetingId, {
      Attendees: [{ ExternalUserId: 'bob' }, { ExternalUserId: `${FAILING_PREFIX}carol` }],
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        Attendees: [{ ExternalUserId: 'bob' }],
        Errors: [{ ExternalUserId: `${FAILING_PREFIX}carol`, ErrorCode: 'LimitExceededException' }],
      },
      exchange: { upstreamAttempts: 1, serverTiming: 'upstream;dur=5' },
    });
  });

  it('reports throttling with the number of upstream attempts', async () => {
    const result = await createAttendees(target(), fake.throttledMeetingId, one);
    expect(result).toMatchObject({
      ok: false,
      failure: { kind: 'refused', code: 'ThrottlingException' },
      exchange: { status: 429, upstreamAttempts: 3 },
    });
  });

  it('gives up after the timeout', async () => {
    const started = Date.now();
    const result = await createAttendees(target(200), fake.stalledMeetingId, one);
    expect(result).toEqual({ ok: false, failure: { kind: 'timeout', timeoutMs: 200 } });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('stops when cancelled, telling cancellation from a timeout', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await createAttendees(target(), fake.stalledMeetingId, one, controller.signal);
    expect(result).toEqual({ ok: false, failure: { kind: 'cancelled' } });
  });

  it('sends nothing when cancelled before it starts', async () => {
    fake.authorizations.length = 0;
    const result = await createAttendees(target(), fake.meetingId, one, AbortSignal.abort());
    expect(result).toEqual({ ok: false, failure: { kind: 'cancelled' } });
    expect(fake.authorizations).toEqual([]);
  });
});

describe('worker client with no worker there', () => {
  let stranger: { url: string; close(): Promise<void> } | undefined;
  afterEach(() => stranger?.close());

  it('reports a refused connection as a network failure', async () => {
    const closed = await listen(() => {});
    await closed.close();
    const result = await checkHealth({ baseUrl: closed.url, timeoutMs: 5_000 });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'network', detail: expect.stringContaining('ECONNREFUSED') } });
  });

  it('reports a server that is not the worker as unexpected', async () => {
    stranger = await listen((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>'));
    const result = await createAttendees({ baseUrl: stranger.url, timeoutMs: 5_000 }, '0a1b2c3d-4e5f-6789-abcd-ef0123456789', {
      Attendees: [{ ExternalUserId: 'bob' }],
    });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'unexpected', status: 404 } });
  });

  it('reports a success in the wrong shape as unexpected', async () => {
    stranger = await listen((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":"world"}'));
    const result = await checkHealth({ baseUrl: stranger.url, timeoutMs: 5_000 });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'unexpected', status: 200 } });
  });

  it('falls back on the error-type header when the body is not the worker’s', async () => {
    stranger = await listen((_req, res) =>
      res.writeHead(429, { 'x-amzn-ErrorType': 'ThrottledClientException:http://internal.amazon.com/' }).end('slow down'),
    );
    const result = await checkHealth({ baseUrl: stranger.url, timeoutMs: 5_000 });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'refused', code: 'ThrottlingException', message: 'HTTP 429' } });
  });
});

describe('workerUrl', () => {
  it('keeps a path prefix, with or without a trailing slash', () => {
    expect(workerUrl('https://example.com/api', 'healthz').href).toBe('https://example.com/api/healthz');
    expect(workerUrl('https://example.com/api/', 'healthz').href).toBe('https://example.com/api/healthz');
    expect(workerUrl('http://127.0.0.1:8787', 'meetings/x/attendees').href).toBe('http://127.0.0.1:8787/meetings/x/attendees');
  });
});

async function listen(handler: RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
