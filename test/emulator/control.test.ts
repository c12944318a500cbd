import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from './defaults.ts';
import { startEmulator, type Emulator, type EmulatorState } from './server.ts';
import { signedRequest } from './signed-request.ts';

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

const control = (method: string, endpoint: string, body?: string) => fetch(`${emulator.url}/_emulator/${endpoint}`, { method, ...(body ? { body } : {}) });
const getState = async () => (await (await control('GET', 'state')).json()) as EmulatorState;

describe('the unsigned control endpoints', () => {
  it('creates meetings like CreateMeeting, taking optional overrides', async () => {
    const plain = await control('POST', 'meetings');
    expect(plain.status).toBe(200);
    const { Meeting } = (await plain.json()) as { Meeting: Record<string, unknown> };
    expect(Meeting).toMatchObject({ MediaRegion: 'us-east-1', MeetingArn: expect.stringContaining(':meeting/') });

    const named = await control('POST', 'meetings', JSON.stringify({ ExternalMeetingId: 'named-one', MediaRegion: 'eu-west-2' }));
    expect(((await named.json()) as { Meeting: Record<string, unknown> }).Meeting).toMatchObject({ ExternalMeetingId: 'named-one', MediaRegion: 'eu-west-2' });
    const invalid = await control('POST', 'meetings', JSON.stringify({ MediaRegion: 'nowhere' }));
    expect([invalid.status, invalid.headers.get('x-amzn-errortype')]).toEqual([400, 'BadRequestException']);
  });

  it('reports calls per operation and meetings with their attendees, never JoinTokens', async () => {
    emulator.reset({ meetings: true });
    const meeting = (await (await control('POST', 'meetings')).json()) as { Meeting: { MeetingId: string } };
    const { MeetingId } = meeting.Meeting;
    await signedRequest(emulator.url, { method: 'POST', path: `/meetings/${MeetingId}/attendees?operation=batch-create`, json: { Attendees: [{ ExternalUserId: 'ann' }] } });
    await signedRequest(emulator.url, { path: `/meetings/${MeetingId}` });
    await signedRequest(emulator.url, { path: `/meetings/${MeetingId}` });
    await fetch(`${emulator.url}/meetings/${MeetingId}`); // unsigned: refused before any operation, not counted

    const response = await control('GET', 'state');
    const text = await response.text();
    expect(text).not.toMatch(/JoinToken/i);
    const state = JSON.parse(text) as EmulatorState;
    expect([state.calls, state.throttled]).toEqual([{ BatchCreateAttendee: 1, GetMeeting: 2 }, {}]);
    expect(state.meetings).toEqual([
      { MeetingId, ExternalMeetingId: expect.stringMatching(/^emulator-/), Deleted: false, Attendees: [{ AttendeeId: expect.any(String), ExternalUserId: 'ann' }] },
    ]);
    expect(emulator.state()).toEqual(state);
  });

  it('resets faults and counters, and meetings only when asked', async () => {
    await control('POST', 'meetings');
    emulator.setFaults({ throttleRate: 1, operations: ['GetMeeting'] });
    const { meetings } = await getState();
    await signedRequest(emulator.url, { path: `/meetings/${meetings[0]!.MeetingId}` });

    expect((await control('POST', 'reset')).status).toBe(200);
    const kept = await getState();
    expect([kept.calls, kept.throttled, kept.meetings.length]).toEqual([{}, {}, meetings.length]);
    expect((await signedRequest(emulator.url, { path: `/meetings/${meetings[0]!.MeetingId}` })).status).toBe(200);

    await control('POST', 'reset?meetings=1');
    expect(await getState()).toEqual({ calls: {}, throttled: {}, meetings: [], joins: [] });
  });

  it('answers an unknown control endpoint with 404', async () => {
    const response = await control('DELETE', 'state');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toMatch(/GET state/);
    const long = await control('GET', 'x'.repeat(10_000));
    expect(((await long.json()) as { message: string }).message).toMatch(/^No emulator control endpoint GET x{60}…; there are /);
  });
});

describe('bounds', () => {
  it('refuses a body over the limit with 413, declared or streamed', async () => {
    const declared = await fetch(`${emulator.url}/_emulator/faults`, { method: 'PUT', body: 'x'.repeat(MAX_BODY_BYTES + 1) });
    expect([declared.status, declared.headers.get('x-amzn-errortype')?.split(':')[0]]).toEqual([413, 'RequestEntityTooLargeException']);

    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(`${emulator.url}/meetings`, { method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'x');
      for (let sent = 0; sent <= MAX_BODY_BYTES; sent += chunk.length) req.write(chunk);
      req.end();
    });
    expect(streamed).toBe(413);
  });

  it('closes idle keep-alive connections on close()', async () => {
    const own = await startEmulator();
    const agent = new Agent({ keepAlive: true });
    try {
      // Wrapped in an object: resolving with the bare promise would wait for it.
      const { socketClosed } = await new Promise<{ socketClosed: Promise<unknown> }>((resolve, reject) => {
        const req = request(`${own.url}/_emulator/state`, { agent }, (res) => {
          res.resume();
          res.on('end', () => resolve({ socketClosed: once(req.socket!, 'close') }));
        });
        req.on('error', reject);
        req.end();
      });
      const started = performance.now();
      await own.close();
      await socketClosed;
      expect(performance.now() - started).toBeLessThan(1_000);
    } finally {
      agent.destroy();
    }
  });
});
