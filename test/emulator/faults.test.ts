import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorControl } from '../support/emulator-control.ts';
import { FaultInjector, parseFaults, type FaultOutcome } from './faults.ts';
import { startEmulator, type Emulator, type Faults } from './server.ts';
import { signedRequest } from './signed-request.ts';

describe('FaultInjector', () => {
  const outcomes = (faults: Faults, count: number): FaultOutcome[] => {
    const injector = new FaultInjector(faults);
    return Array.from({ length: count }, () => injector.next());
  };
  const mixed: Faults = { seed: 7, throttleRate: 0.2, errorRate: 0.2, dropRate: 0.1, dropAfterRate: 0.1 };

  it('is deterministic for a seed, and differs between seeds', () => {
    expect(outcomes(mixed, 200)).toEqual(outcomes(mixed, 200));
    expect(outcomes(mixed, 200)).not.toEqual(outcomes({ ...mixed, seed: 8 }, 200));
  });

  it('produces every kind of outcome at roughly the configured rates', () => {
    const kinds = outcomes({ ...mixed, retryAfterSeconds: 3 }, 4000).map((o) => (o.kind === 'error' ? `${o.status}` : o.kind));
    const share = (kind: string) => kinds.filter((k) => k === kind).length / kinds.length;
    expect(share('drop')).toBeCloseTo(0.1, 1);
    expect(share('drop-after')).toBeCloseTo(0.09, 1);
    expect(share('429')).toBeCloseTo(0.16, 1);
    expect(share('500') + share('503')).toBeCloseTo(0.13, 1);
    expect(share('500')).toBeGreaterThan(0);
    expect(share('503')).toBeGreaterThan(0);
  });

  it('answers normally with no faults, and plays a script before any random fault', () => {
    expect(outcomes({}, 50).every((o) => o.kind === 'answer')).toBe(true);
    expect(
      outcomes({ throttleRate: 1, script: [{ outcome: 'drop' }, { outcome: 200 }, { outcome: 503, retryAfterSeconds: 4 }] }, 4),
    ).toEqual([{ kind: 'drop' }, { kind: 'answer' }, { kind: 'error', status: 503, retryAfterSeconds: 4 }, { kind: 'error', status: 429 }]);
  });

  it('puts Retry-After only on 429 and 503', () => {
    expect(outcomes({ retryAfterSeconds: 2, script: [{ outcome: 429 }, { outcome: 500 }, { outcome: 503 }] }, 3)).toEqual([
      { kind: 'error', status: 429, retryAfterSeconds: 2 },
      { kind: 'error', status: 500 },
      { kind: 'error', status: 503, retryAfterSeconds: 2 },
    ]);
  });

  it('applies to BatchCreateAttendee by default, or to the operations listed', () => {
    expect(new FaultInjector({}).appliesTo('BatchCreateAttendee')).toBe(true);
    expect(new FaultInjector({}).appliesTo('CreateMeeting')).toBe(false);
    expect(new FaultInjector({ operations: ['GetMeeting'] }).appliesTo('BatchCreateAttendee')).toBe(false);
  });

  it.each([
    [{ throttleRate: 1.5 }, /throttleRate/],
    [{ trottleRate: 0.5 }, /trottleRate is not a known field/],
    [{ ['k'.repeat(100)]: 1 }, /^faults\.k{64}… is not a known field$/],
    [{ script: [{ outcome: 302 }] }, /script\[0\]\.outcome/],
    [{ script: [{ outcome: 'explode' }] }, /script\[0\]\.outcome/],
    [{ operations: ['CreateMeetingWithAttendees'] }, /operations/],
    [{ latencyMs: -1 }, /latencyMs/],
    [{ latencyMs: 3_600_000 }, /latencyMs/],
  ])('refuses %j', (faults, message) => {
    expect(() => parseFaults(faults)).toThrow(message);
  });
});

describe('faults over HTTP', () => {
  let emulator: Emulator;
  let meetingId: string;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  beforeEach(async () => {
    emulator.reset();
    meetingId = await emulatorControl(emulator.url).createMeeting();
  });
  afterAll(() => emulator.close());

  const batch = (ids: string[]) =>
    signedRequest(emulator.url, {
      method: 'POST',
      path: `/meetings/${meetingId}/attendees?operation=batch-create`,
      json: { Attendees: ids.map((ExternalUserId) => ({ ExternalUserId })) },
    });
  const attendeesInState = () => emulator.state().meetings.find((m) => m.MeetingId === meetingId)?.Attendees ?? [];

  it('answers scripted statuses with the matching error shape and Retry-After', async () => {
    emulator.setFaults({ script: [{ outcome: 503, retryAfterSeconds: 7 }, { outcome: 500 }, { outcome: 400 }, { outcome: 403 }] });
    const unavailable = await batch(['a1']);
    expect([unavailable.status, unavailable.headers.get('x-amzn-errortype'), unavailable.headers.get('retry-after')]).toEqual([
      503,
      'ServiceUnavailableException',
      '7',
    ]);
    expect(await unavailable.json()).toMatchObject({
      Code: 'ServiceUnavailable',
      Message: expect.any(String),
      RequestId: unavailable.headers.get('x-amzn-requestid'),
    });
    const failure = await batch(['a1']);
    expect([failure.status, failure.headers.get('x-amzn-errortype'), failure.headers.get('retry-after')]).toEqual([
      500,
      'ServiceFailureException',
      null,
    ]);
    expect((await batch(['a1'])).headers.get('x-amzn-errortype')).toBe('BadRequestException');
    expect((await batch(['a1'])).headers.get('x-amzn-errortype')).toBe('ForbiddenException');
    expect(attendeesInState()).toEqual([]);
    expect((await batch(['a1'])).status).toBe(200);
  });

  it('answers a scripted 502 or 504 like a load balancer: HTML, no error type', async () => {
    emulator.setFaults({ script: [{ outcome: 502 }, { outcome: 504 }] });
    for (const status of [502, 504]) {
      const response = await batch(['b1']);
      expect([response.status, response.headers.get('content-type'), response.headers.get('x-amzn-errortype')]).toEqual([
        status,
        'text/html',
        null,
      ]);
      expect(await response.text()).toContain(`<h1>${status}`);
    }
  });

  it('throttles with the faults-wide Retry-After', async () => {
    emulator.setFaults({ throttleRate: 1, retryAfterSeconds: 3 });
    const response = await batch(['c1']);
    expect([response.status, response.headers.get('x-amzn-errortype'), response.headers.get('retry-after')]).toEqual([
      429,
      'ThrottlingException',
      '3',
    ]);
    expect(emulator.state().calls.BatchCreateAttendee).toBe(1);
  });

  it('drops the connection before the work: nothing is created', async () => {
    emulator.setFaults({ script: [{ outcome: 'drop' }] });
    await expect(batch(['d1', 'd2'])).rejects.toThrow();
    expect(attendeesInState()).toEqual([]);
    expect(emulator.state().calls.BatchCreateAttendee).toBe(1);
  });

  it('drops the connection after the work: a retry with the same ExternalUserIds gets the same attendees', async () => {
    emulator.setFaults({ script: [{ outcome: 'drop-after' }] });
    await expect(batch(['e1', 'e2'])).rejects.toThrow();
    const created = attendeesInState();
    expect(created.map((a) => a.ExternalUserId)).toEqual(['e1', 'e2']);

    const retried = await batch(['e1', 'e2', 'e3']);
    const { Attendees } = (await retried.json()) as { Attendees: Array<{ AttendeeId: string; ExternalUserId: string }> };
    expect(Attendees.slice(0, 2).map((a) => a.AttendeeId)).toEqual(created.map((a) => a.AttendeeId));
    expect(attendeesInState()).toHaveLength(3);
  });

  it('adds latency to faultable calls only', async () => {
    emulator.setFaults({ latencyMs: 150 });
    const started = performance.now();
    expect((await batch(['f1'])).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('faults only the operations listed', async () => {
    emulator.setFaults({ operations: ['GetMeeting'], script: [{ outcome: 500 }] });
    expect((await batch(['g1'])).status).toBe(200);
    expect((await signedRequest(emulator.url, { path: `/meetings/${meetingId}` })).status).toBe(500);
  });

  it('takes faults over PUT /_emulator/faults, refusing invalid ones with 400', async () => {
    const control = emulatorControl(emulator.url);
    expect(await control.setFaults({ script: [{ outcome: 429 }] })).toEqual({ script: [{ outcome: 429 }] });
    expect((await batch(['h1'])).status).toBe(429);
    await expect(control.setFaults({ errorRate: 2 })).rejects.toThrow(
      'PUT /_emulator/faults answered 400: {"message":"faults.errorRate must be a number from 0 to 1"}',
    );
    const notJson = await fetch(`${emulator.url}/_emulator/faults`, { method: 'PUT', body: '{not json' });
    expect(notJson.status).toBe(400);
  });
});

describe('closing under latency', () => {
  it('drops requests waiting out their latency and leaves no timer behind', async () => {
    const emulator = await startEmulator({ faults: { latencyMs: 60_000 } });
    const MeetingId = await emulatorControl(emulator.url).createMeeting();
    const pending = signedRequest(emulator.url, {
      method: 'POST',
      path: `/meetings/${MeetingId}/attendees?operation=batch-create`,
      json: { Attendees: [{ ExternalUserId: 'slow' }] },
    });
    // Wait for the emulator to have counted the call (it is then waiting out its latency).
    for (let turn = 0; emulator.state().calls.BatchCreateAttendee !== 1; turn++) {
      if (turn > 100_000) throw new Error('the request never arrived');
      await new Promise((resolve) => setImmediate(resolve));
    }
    const started = performance.now();
    await emulator.close();
    expect(performance.now() - started).toBeLessThan(5_000);
    await expect(pending).rejects.toThrow();
  });
});
