import { describe, expect, it } from 'vitest';
import { readConfig } from '../../edge/config.ts';
import { ConfigError } from '../../edge/errors.ts';
import { CallNotSent, createPacer, localSlots, type PacerClock } from '../../edge/pacing/pacer.ts';
import { SlotSchedule, type PaceLimits, type Reservation } from '../../edge/pacing/schedule.ts';
import { pacerName, slotsFor } from '../../edge/pacing/slots.ts';
import { seededRandom } from '../emulator/faults.ts';
import { RateLimiter } from '../emulator/rate-limit.ts';

const TEN: PaceLimits = { callsPerSecond: 10, burst: 3 };
const FOREVER = Number.POSITIVE_INFINITY;

/** Waits, in ms from `now`, of the slots handed to `count` calls asking at once. */
const waits = (schedule: SlotSchedule, count: number, now: number, limits = TEN, withinMs = FOREVER) =>
  Array.from({ length: count }, () => schedule.reserve('BatchCreateAttendee', limits, now, withinMs)).map((r) => (r.ok ? r.waitMs : -1));

describe('SlotSchedule', () => {
  it('lets a burst start at once, then spaces calls by the rate', () => {
    expect(waits(new SlotSchedule(), 6, 1_000)).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it('refills as time passes, never past the burst', () => {
    const schedule = new SlotSchedule();
    waits(schedule, 3, 0);
    expect(waits(schedule, 2, 150)).toEqual([0, 50]);
    expect(waits(schedule, 5, 60_000)).toEqual([0, 0, 0, 100, 200]);
  });

  it('keeps each operation to itself', () => {
    const schedule = new SlotSchedule();
    waits(schedule, 3, 0);
    expect(schedule.reserve('DeleteAttendee', TEN, 0, FOREVER)).toEqual({ ok: true, waitMs: 0 });
    expect(schedule.reserve('BatchCreateAttendee', TEN, 0, FOREVER)).toEqual({ ok: true, waitMs: 100 });
  });

  it('refuses a slot past the time allowed, saying when the next is, and reserves nothing for it', () => {
    const schedule = new SlotSchedule();
    waits(schedule, 3, 0);
    expect(schedule.reserve('BatchCreateAttendee', TEN, 0, 99)).toEqual({ ok: false, retryAfterMs: 100 });
    expect(schedule.reserve('BatchCreateAttendee', TEN, 0, 99)).toEqual({ ok: false, retryAfterMs: 100 });
    expect(schedule.reserve('BatchCreateAttendee', TEN, 0, 100)).toEqual({ ok: true, waitMs: 100 });
    expect(schedule.reserve('BatchCreateAttendee', TEN, 0, 0)).toEqual({ ok: false, retryAfterMs: 200 });
  });

  it('follows the limits each caller gives', () => {
    const schedule = new SlotSchedule();
    expect(waits(schedule, 3, 0, { callsPerSecond: 2, burst: 1 })).toEqual([0, 500, 1_000]);
  });

  /**
   * Feeds the calls a schedule starts, each delayed by up to `jitterMs` on its way, to the emulator's own
   * token bucket for AWS (a separate implementation, burst 20) and counts the calls it throttles. Demand is
   * about four times the rate, with lulls.
   */
  function throttledByAws(limits: PaceLimits, awsRate: number, jitterMs: number): { sent: number; throttled: number } {
    const random = seededRandom(42);
    const schedule = new SlotSchedule();
    const arrivals: number[] = [];
    let now = 0;
    for (let i = 0; i < 2_000; i++) {
      now += random() < 0.01 ? random() * 4_000 : random() * 8;
      const reservation = schedule.reserve('DeleteAttendee', limits, now, 15_000);
      if (reservation.ok) arrivals.push(now + reservation.waitMs + random() * jitterMs);
    }
    arrivals.sort((a, b) => a - b);
    let clock = 0;
    const aws = new RateLimiter({ callsPerSecond: awsRate, burst: 20 }, () => clock);
    return { sent: arrivals.length, throttled: arrivals.filter((at) => ((clock = at), !aws.admit('DeleteAttendee'))).length };
  }

  it.each([
    ['in step, one call of the burst to spare', { callsPerSecond: 10, burst: 19 }, 0],
    ['up to 1 s out of step, half the burst', { callsPerSecond: 10, burst: 10 }, 1_000],
    ['a rate of 3 with jitter of 300 ms', { callsPerSecond: 3, burst: 2 }, 300],
  ])('starts no call an AWS bucket of the same rate would throttle: %s', (_, limits, jitterMs) => {
    const { sent, throttled } = throttledByAws(limits, limits.callsPerSecond, jitterMs);
    expect(sent).toBeGreaterThan(150);
    expect(throttled).toBe(0);
  });

  it('is caught by that bucket when it paces faster than AWS allows', () => {
    expect(throttledByAws({ callsPerSecond: 11, burst: 10 }, 10, 0).throttled).toBeGreaterThan(10);
  });

  it('uses the whole rate while demand exceeds it', () => {
    const schedule = new SlotSchedule();
    let granted = 0;
    for (let now = 0; now < 60_000; now += 20) {
      const reservation = schedule.reserve('BatchCreateAttendee', TEN, now, 15_000);
      if (reservation.ok && now + reservation.waitMs < 60_000) granted++;
    }
    // 50 asks a second for a minute: the burst, then one slot every 100 ms.
    expect(granted).toBe(3 + 599);
  });
});

/** A clock the test moves: sleeping moves it by exactly the time slept. */
function fakeClock(start = 10_000): PacerClock & { slept: number[] } {
  let now = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

describe('the pacer', () => {
  it('waits for each call’s slot, one operation at a time', async () => {
    const clock = fakeClock();
    const pacer = createPacer({ callsPerSecond: 5, burst: 1 }, localSlots(clock.now), clock);
    for (let i = 0; i < 3; i++) await pacer.take('DeleteAttendee', clock.now() + 1_000);
    await pacer.take('ListAttendees', clock.now());
    expect(clock.slept).toEqual([200, 200]);
  });

  it('fails at once, without waiting or taking a slot, when the slot comes after the deadline', async () => {
    const clock = fakeClock();
    const pacer = createPacer({ callsPerSecond: 1, burst: 1 }, localSlots(clock.now), clock);
    await pacer.take('BatchCreateAttendee', clock.now());
    const error = await pacer.take('BatchCreateAttendee', clock.now() + 400).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallNotSent);
    expect(error).toMatchObject({ name: 'ThrottlingException', status: 429, retryAfterSeconds: 1 });
    expect((error as Error).message).toMatch(/paces BatchCreateAttendee at 1 calls a second .*CHIME_CALLS_PER_SECOND.*not sent/);
    expect(clock.slept).toEqual([]);
    await pacer.take('BatchCreateAttendee', clock.now() + 1_000);
    expect(clock.slept).toEqual([1_000]);
  });

  it('asks for a slot within the time left to the deadline, and none once it has passed', async () => {
    const asked: number[] = [];
    const clock = fakeClock();
    const slots = {
      reserve: async (_: string, __: PaceLimits, withinMs: number): Promise<Reservation> => (asked.push(withinMs), { ok: true, waitMs: 0 }),
    };
    const pacer = createPacer(TEN, slots, clock);
    await pacer.take('GetMeeting', clock.now() + 2_500);
    await pacer.take('GetMeeting', clock.now() - 50);
    expect(asked).toEqual([2_500, 0]);
  });

  it('rounds Retry-After up to whole seconds', () => {
    expect(new CallNotSent('GetMeeting', TEN, 1).retryAfterSeconds).toBe(1);
    expect(new CallNotSent('GetMeeting', TEN, 2_001).retryAfterSeconds).toBe(3);
  });
});

/** A stand-in for the CHIME_PACER namespace, recording what it was asked. */
function fakeNamespace(answer: () => Promise<Reservation>) {
  const names: string[] = [];
  const namespace = {
    idFromName: (name: string) => (names.push(name), { name }),
    get: () => ({ reserve: answer }),
  };
  return { names, namespace };
}

describe('slotsFor', () => {
  const config = { region: 'eu-west-2', credentials: { accessKeyId: 'AKIDEXAMPLESECRETISH', secretAccessKey: 'x' } };

  it('uses the Durable Object of the account and region, named without the access key', async () => {
    const { names, namespace } = fakeNamespace(async () => ({ ok: true, waitMs: 42 }));
    const slots = await slotsFor(namespace, config);
    expect(await slots.reserve('GetMeeting', TEN, 1_000)).toEqual({ ok: true, waitMs: 42 });
    expect(names).toEqual([await pacerName(config)]);
    expect(names[0]).toMatch(/^eu-west-2\/[0-9a-f]{64}$/);
    expect(names[0]).not.toContain('AKIDEXAMPLE');
  });

  it('names one pacer per access key and region', async () => {
    const other = { ...config, credentials: { ...config.credentials, accessKeyId: 'AKIDANOTHERKEY' } };
    const names = new Set([await pacerName(config), await pacerName(other), await pacerName({ ...config, region: 'us-east-1' })]);
    expect(names.size).toBe(3);
    expect(await pacerName({ ...config, credentials: { ...config.credentials, secretAccessKey: 'rotated' } })).toBe(
      await pacerName(config),
    );
  });

  it('takes a slot of its own when the Durable Object fails to answer', async () => {
    const { namespace } = fakeNamespace(() => Promise.reject(new Error('Durable Object is overloaded')));
    const slots = await slotsFor(namespace, config);
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await slots.reserve('GetMeeting', { callsPerSecond: 1, burst: 3 }, 0));
    expect(answers.map((a) => a.ok)).toEqual([true, true, true, false]);
  });

  it('runs in-process without the binding, and refuses a binding that is not a namespace', async () => {
    const slots = await slotsFor(undefined, config);
    expect(await slots.reserve('GetMeeting', { callsPerSecond: 1, burst: 1 }, 0)).toEqual({ ok: true, waitMs: 0 });
    expect(await slots.reserve('GetMeeting', { callsPerSecond: 1, burst: 1 }, 0)).toMatchObject({ ok: false });
    await expect(slotsFor('ChimePacer', config)).rejects.toThrow(ConfigError);
    await expect(slotsFor({ get: () => undefined }, config)).rejects.toThrow(/CHIME_PACER must be a Durable Object binding/);
  });
});

describe('the pace settings', () => {
  const env = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', API_TOKENS: 'a-token' };

  it('default to AWS’s rate with half its burst, and take CHIME_CALLS_PER_SECOND and CHIME_CALLS_BURST', async () => {
    expect((await readConfig(env)).pace).toEqual({ callsPerSecond: 10, burst: 10 });
    expect((await readConfig({ ...env, CHIME_CALLS_PER_SECOND: ' 25 ', CHIME_CALLS_BURST: '40' })).pace).toEqual({
      callsPerSecond: 25,
      burst: 40,
    });
  });
});
