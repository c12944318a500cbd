import { once } from 'node:events';
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorControl, type EmulatorControl } from '../support/emulator-control.ts';
import { MAX_BODY_BYTES } from './defaults.ts';
import { startEmulator, type Emulator } from './server.ts';
import { signedRequest } from './signed-request.ts';

let emulator: Emulator;
let control: EmulatorControl;

beforeAll(async () => {
  emulator = await startEmulator();
  control = emulatorControl(emulator.url);
});
afterAll(() => emulator.close());

describe('the unsigned control endpoints', () => {
  it('creates meetings like CreateMeeting, taking optional overrides', async () => {
    const { Meeting } = await control.createMeetingAnswer();
    expect(Meeting).toMatchObject({ MediaRegion: 'us-east-1', MeetingArn: expect.stringContaining(':meeting/') });

    const named = await control.createMeetingAnswer({ ExternalMeetingId: 'named-one', MediaRegion: 'eu-west-2' });
    expect(named.Meeting).toMatchObject({ ExternalMeetingId: 'named-one', MediaRegion: 'eu-west-2' });
    await expect(control.createMeeting({ MediaRegion: 'nowhere' })).rejects.toThrow(
      `emulator at ${emulator.url}: POST /_emulator/meetings answered 400: {"Code":"BadRequest"`,
    );
  });

  it('reports calls per operation and meetings with their attendees, never JoinTokens', async () => {
    emulator.reset({ meetings: true });
    const MeetingId = await control.createMeeting();
    await signedRequest(emulator.url, {
      method: 'POST',
      path: `/meetings/${MeetingId}/attendees?operation=batch-create`,
      json: { Attendees: [{ ExternalUserId: 'ann' }] },
    });
    await signedRequest(emulator.url, { path: `/meetings/${MeetingId}` });
    await signedRequest(emulator.url, { path: `/meetings/${MeetingId}` });
    await fetch(`${emulator.url}/meetings/${MeetingId}`); // unsigned: refused before any operation, not counted

    const state = await control.state();
    expect(JSON.stringify(state)).not.toMatch(/JoinToken/i);
    expect([state.calls, state.throttled]).toEqual([{ BatchCreateAttendee: 1, GetMeeting: 2 }, {}]);
    expect(state.meetings).toEqual([
      {
        MeetingId,
        ExternalMeetingId: expect.stringMatching(/^emulator-/),
        Deleted: false,
        Attendees: [{ AttendeeId: expect.any(String), ExternalUserId: 'ann' }],
      },
    ]);
    expect(emulator.state()).toEqual(state);
    expect([await control.calls('GetMeeting'), await control.calls('DeleteMeeting'), await control.calls()]).toEqual([2, 0, 3]);
    expect(await control.attendees(MeetingId)).toEqual(state.meetings[0]!.Attendees);
  });

  it('resets faults and counters, and meetings only when asked', async () => {
    const meetingId = await control.createMeeting();
    await control.setFaults({ throttleRate: 1, operations: ['GetMeeting'] });
    expect((await signedRequest(emulator.url, { path: `/meetings/${meetingId}` })).status).toBe(429);
    const { meetings } = await control.state();

    const kept = await control.reset();
    expect([kept.calls, kept.throttled, kept.meetings]).toEqual([{}, {}, meetings]);
    expect((await signedRequest(emulator.url, { path: `/meetings/${meetingId}` })).status).toBe(200);

    expect(await control.reset({ meetings: true })).toEqual({ calls: {}, throttled: {}, meetings: [], joins: [] });
  });

  it('ends a meeting with a signed DeleteMeeting, and names the meeting when that is refused', async () => {
    const meetingId = await control.createMeeting();
    await control.endMeeting(meetingId);
    expect((await control.state()).meetings.find((m) => m.MeetingId === meetingId)?.Deleted).toBe(true);
    await expect(control.endMeeting(meetingId)).rejects.toThrow(`emulator at ${emulator.url}: DeleteMeeting ${meetingId} answered 404`);
  });

  it('fails naming the call when no emulator answers', async () => {
    const gone = await startEmulator();
    await gone.close();
    await expect(emulatorControl(gone.url).state()).rejects.toThrow(`emulator at ${gone.url}: GET /_emulator/state got no answer`);
  });

  it('answers an unknown control endpoint with 404', async () => {
    const unknown = (method: string, endpoint: string) => fetch(`${emulator.url}/_emulator/${endpoint}`, { method });
    const response = await unknown('DELETE', 'state');
    expect(response.status).toBe(404);
    expect(((await response.json()) as { message: string }).message).toMatch(/GET state/);
    const long = await unknown('GET', 'x'.repeat(10_000));
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
