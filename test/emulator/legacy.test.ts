import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './server.ts';
import { signedRequest, type SignedRequestInit } from './signed-request.ts';

// The legacy `chime` flavor has no SDK client in this project, so it is driven with raw requests
// signed by AWS's own @smithy/signature-v4.

let emulator: Emulator;
const call = (init: SignedRequestInit) => signedRequest(emulator.url, init);
const tags = [{ Key: 'team', Value: 'blue' }];

async function newMeeting(): Promise<string> {
  const response = await call({ method: 'POST', path: '/meetings', json: { ClientRequestToken: crypto.randomUUID() } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { Meeting: { MeetingId: string } }).Meeting.MeetingId;
}

const batch = (meetingId: string, attendees: unknown[]) =>
  call({ method: 'POST', path: `/meetings/${meetingId}/attendees?operation=batch-create`, json: { Attendees: attendees } });

beforeAll(async () => {
  emulator = await startEmulator({ flavor: 'chime' });
});
afterEach(() => emulator.reset());
afterAll(() => emulator.close());

describe('the legacy chime flavor', () => {
  it('lives in us-east-1 only', async () => {
    expect(emulator.region).toBe('us-east-1');
    await expect(startEmulator({ flavor: 'chime', region: 'eu-west-2' })).rejects.toThrow(/only exists in us-east-1/);
  });

  it('creates a meeting with 201 and the legacy Meeting shape, MediaRegion defaulting to us-east-1', async () => {
    const response = await call({ method: 'POST', path: '/meetings', json: { ClientRequestToken: 'legacy-token' } });
    expect(response.status).toBe(201);
    const { Meeting } = (await response.json()) as { Meeting: Record<string, unknown> };
    expect(Object.keys(Meeting).sort()).toEqual(['MediaPlacement', 'MediaRegion', 'MeetingId']);
    expect(Meeting.MediaRegion).toBe('us-east-1');
  });

  it('answers BatchCreateAttendee with 201, takes Tags, and returns attendees without Capabilities', async () => {
    const meetingId = await newMeeting();
    const response = await batch(meetingId, [{ ExternalUserId: 'alice', Tags: tags }, { ExternalUserId: 'bob' }]);
    expect(response.status).toBe(201);
    const body = (await response.json()) as { Attendees: Array<Record<string, unknown>>; Errors: unknown[] };
    expect(body.Errors).toEqual([]);
    expect(body.Attendees.map((a) => Object.keys(a).sort())).toEqual([
      ['AttendeeId', 'ExternalUserId', 'JoinToken'],
      ['AttendeeId', 'ExternalUserId', 'JoinToken'],
    ]);
    const single = await call({ method: 'POST', path: `/meetings/${meetingId}/attendees`, json: { ExternalUserId: 'carol', Tags: tags } });
    expect(single.status).toBe(201);
  });

  it("refuses the current flavor's Capabilities and malformed Tags with BadRequestException", async () => {
    const meetingId = await newMeeting();
    const capabilities = { Audio: 'SendReceive', Video: 'SendReceive', Content: 'SendReceive' };
    for (const attendee of [
      { ExternalUserId: 'alice', Capabilities: capabilities },
      { ExternalUserId: 'alice', Tags: [] },
      { ExternalUserId: 'alice', Tags: Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) },
      { ExternalUserId: 'alice', Tags: [{ Key: '', Value: 'v' }] },
      { ExternalUserId: 'alice', Tags: [{ Key: 'k', Value: 'v'.repeat(257) }] },
      { ExternalUserId: 'alice', Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] },
    ]) {
      const response = await batch(meetingId, [attendee]);
      expect(response.status, JSON.stringify(attendee).slice(0, 80)).toBe(400);
      expect(response.headers.get('x-amzn-errortype')).toBe('BadRequestException');
    }
  });

  it('uses the legacy error names: ResourceLimitExceededException, ThrottledClientException, UnauthorizedClientException', async () => {
    const meetingId = await newMeeting();
    for (const prefix of ['a', 'b', 'c']) {
      const count = prefix === 'c' ? 60 : 100;
      const response = await batch(
        meetingId,
        Array.from({ length: count }, (_, i) => ({ ExternalUserId: `${prefix}-${i}` })),
      );
      expect(response.status).toBe(201);
      if (prefix === 'c') {
        const { Attendees, Errors } = (await response.json()) as { Attendees: unknown[]; Errors: Array<{ ErrorCode: string }> };
        expect([Attendees.length, Errors.length]).toEqual([50, 10]);
        expect(new Set(Errors.map((e) => e.ErrorCode))).toEqual(new Set(['ResourceLimitExceededException']));
      }
    }
    const full = await batch(meetingId, [{ ExternalUserId: 'late' }]);
    expect([full.status, full.headers.get('x-amzn-errortype')]).toEqual([400, 'ResourceLimitExceededException']);
    expect(await full.json()).toMatchObject({ Code: 'ResourceLimitExceeded' });

    emulator.setFaults({ script: [{ outcome: 429 }, { outcome: 401 }] });
    const throttled = await batch(meetingId, [{ ExternalUserId: 'a-0' }]);
    expect([throttled.status, throttled.headers.get('x-amzn-errortype')]).toEqual([429, 'ThrottledClientException']);
    const unauthorized = await batch(meetingId, [{ ExternalUserId: 'a-0' }]);
    expect([unauthorized.status, unauthorized.headers.get('x-amzn-errortype')]).toEqual([401, 'UnauthorizedClientException']);
  });

  it('shares NotFoundException and its messages with the current flavor', async () => {
    const unknown = '0f0f0f0f-0000-4000-8000-000000000000';
    const response = await batch(unknown, [{ ExternalUserId: 'alice' }]);
    expect([response.status, response.headers.get('x-amzn-errortype')]).toEqual([404, 'NotFoundException']);
    expect(await response.json()).toMatchObject({ Code: 'NotFound', Message: `Meeting <${unknown}> not found` });
  });

  it('refuses a signature scoped to another region', async () => {
    const response = await call({ method: 'POST', path: '/meetings', json: { ClientRequestToken: 'abc' }, region: 'us-west-2' });
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toMatch(/^InvalidSignatureException:/);
    expect(await response.json()).toEqual({ message: "Credential should be scoped to a valid region, not 'us-west-2'." });
  });

  it('can answer as AWS has since February 2025: every meeting call refused as a deprecated API', async () => {
    const deprecated = await startEmulator({ flavor: 'chime', deprecated: true });
    try {
      const response = await signedRequest(deprecated.url, { method: 'POST', path: '/meetings', json: { ClientRequestToken: 'abc' } });
      expect([response.status, response.headers.get('x-amzn-errortype')]).toEqual([403, 'ForbiddenException']);
      expect(await response.json()).toMatchObject({
        Code: 'Forbidden',
        Message: expect.stringContaining('not authorized to call deprecated Amazon Chime SDK API'),
      });
      expect(deprecated.state().calls).toEqual({ CreateMeeting: 1 });
    } finally {
      await deprecated.close();
    }
    await expect(startEmulator({ deprecated: true })).rejects.toThrow(/only the legacy chime flavor/);
  });
});
