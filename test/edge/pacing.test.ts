/// <reference types="@cloudflare/vitest-pool-workers/types" />
import { abortAllDurableObjects } from 'cloudflare:test';
import { env as workerEnv } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Env } from '../../edge/env.ts';
import type { ChimePacer } from '../../edge/pacing/durable-object.ts';
import type { PaceLimits } from '../../edge/pacing/schedule.ts';
import { pacerName } from '../../edge/pacing/slots.ts';
import { HEADERS } from '../../shared/index.ts';
import { LOCAL_CREDENTIALS } from '../emulator/defaults.ts';
import { expectEveryAttendeeAccountedFor } from './invariant.ts';
import { attendees, deleteAttendees, emulator, ids, postAttendees, testEnv } from './harness.ts';

/** The CHIME_PACER namespace wrangler.toml declares, as the pool runs it. */
const namespace = (workerEnv as unknown as { CHIME_PACER: DurableObjectNamespace<ChimePacer> }).CHIME_PACER;
const pacerOf = async (name?: string) =>
  namespace.get(namespace.idFromName(name ?? (await pacerName({ region: 'us-east-1', credentials: LOCAL_CREDENTIALS }))));

/** One call a second, no burst to speak of, no time to wait: a second call right after the first is not sent. */
const ONE_A_SECOND: PaceLimits = { callsPerSecond: 1, burst: 1 };
const paced = (overrides: Partial<Env> = {}) =>
  testEnv({ CHIME_CALLS_PER_SECOND: '1', CHIME_CALLS_BURST: '1', RETRY_DEADLINE_MS: '0', ...overrides });

beforeEach(() => abortAllDurableObjects());
afterEach(() => emulator.reset());

describe('the ChimePacer Durable Object', () => {
  it('hands out one schedule to every stub of the same name, and keeps other names apart', async () => {
    const limits = { callsPerSecond: 1, burst: 2 };
    const first = await pacerOf('pacer-test');
    const second = await pacerOf('pacer-test'); // as another isolate would reach it
    expect(await first.reserve('DeleteAttendee', limits, 0)).toEqual({ ok: true, waitMs: 0 });
    expect(await second.reserve('DeleteAttendee', limits, 0)).toEqual({ ok: true, waitMs: 0 });
    const refused = await first.reserve('DeleteAttendee', limits, 0);
    expect(refused).toEqual({ ok: false, retryAfterMs: expect.any(Number) });
    expect(refused.ok ? 0 : refused.retryAfterMs).toBeGreaterThan(900);
    const waiting = await second.reserve('DeleteAttendee', limits, 5_000);
    expect(waiting.ok && waiting.waitMs).toBeGreaterThan(900);
    expect(await second.reserve('ListAttendees', limits, 0)).toEqual({ ok: true, waitMs: 0 });
    expect(await (await pacerOf('another-account')).reserve('DeleteAttendee', limits, 0)).toEqual({ ok: true, waitMs: 0 });
  });
});

describe('the worker with the CHIME_PACER binding', () => {
  const bound = (overrides: Partial<Env> = {}) => paced({ CHIME_PACER: namespace, ...overrides });

  it('takes its slots from the account’s Durable Object', async () => {
    const meetingId = await emulator.createMeeting();
    const { json } = await postAttendees(bound(), meetingId, attendees('alice'));
    expect(json.Attendees).toHaveLength(1);
    expect(await (await pacerOf()).reserve('BatchCreateAttendee', ONE_A_SECOND, 0)).toMatchObject({ ok: false });
  });

  it('does not send a call whose slot another isolate took: ThrottlingException with Retry-After', async () => {
    const meetingId = await emulator.createMeeting();
    expect(await (await pacerOf()).reserve('BatchCreateAttendee', ONE_A_SECOND, 0)).toMatchObject({ ok: true });
    const before = await emulator.calls('BatchCreateAttendee');
    const { response, json } = await postAttendees(bound(), meetingId, attendees('alice'));
    expect([response.status, json.Code, response.headers.get('retry-after'), response.headers.get(HEADERS.attempts)]).toEqual([
      429,
      'ThrottlingException',
      '1',
      '0',
    ]);
    expect(json.Message).toMatch(/not sent/);
    expect(await emulator.calls('BatchCreateAttendee')).toBe(before);
  });
});

describe('the pacer in-process (no binding)', () => {
  it('sends what fits before the deadline and puts the attendees of the calls it held back in Errors', async () => {
    const meetingId = await emulator.createMeeting();
    const wanted = ids(250, 'paced');
    const { response, json } = await postAttendees(paced(), meetingId, attendees(...wanted));
    expect([response.status, response.headers.get(HEADERS.attempts)]).toEqual([200, '1']);
    expect(json.Attendees).toHaveLength(100);
    expect(json.Errors).toHaveLength(150);
    expect(new Set(json.Errors.map((e: any) => e.ErrorCode))).toEqual(new Set(['ThrottlingException']));
    expect(json.Errors[0].ErrorMessage).toMatch(/paces BatchCreateAttendee at 1 calls a second.*not sent/);
    await expectEveryAttendeeAccountedFor(meetingId, wanted, json);
    expect(await emulator.calls('BatchCreateAttendee')).toBe(1);
  });

  it('answers a request none of whose calls could start in time with 429 and Retry-After, sending nothing', async () => {
    const env = paced();
    const meetingId = await emulator.createMeeting();
    expect((await postAttendees(env, meetingId, attendees('alice'))).response.status).toBe(200);
    const { response, json } = await postAttendees(env, meetingId, attendees('bob'));
    expect([response.status, json.Code, response.headers.get('retry-after'), response.headers.get('x-amzn-errortype')]).toEqual([
      429,
      'ThrottlingException',
      '1',
      'ThrottlingException',
    ]);
    expect(await emulator.calls('BatchCreateAttendee')).toBe(1);
  });

  it('waits for slots within the deadline rather than failing', async () => {
    const meetingId = await emulator.createMeeting();
    const started = Date.now();
    const { json } = await postAttendees(
      paced({ CHIME_CALLS_PER_SECOND: '10', RETRY_DEADLINE_MS: '5000' }),
      meetingId,
      attendees(...ids(250, 'waits')),
    );
    expect([json.Attendees.length, json.Errors.length]).toEqual([250, 0]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('gives a retry a slot of its own: a retry that cannot have one in time is not sent', async () => {
    const meetingId = await emulator.createMeeting();
    await emulator.setFaults({ script: [{ outcome: 429 }] });
    const { response, json } = await postAttendees(paced({ RETRY_DEADLINE_MS: '500' }), meetingId, attendees('alice'));
    expect([response.status, json.Message, response.headers.get(HEADERS.attempts)]).toEqual([429, expect.stringMatching(/not sent/), '1']);
    expect(await emulator.calls('BatchCreateAttendee')).toBe(1);
  });

  it('paces deletions per operation, through the same pacer as creation', async () => {
    const env = paced({ CHIME_CALLS_BURST: '2' });
    const meetingId = await emulator.createMeeting();
    const created = (await postAttendees(env, meetingId, attendees(...ids(3, 'bot')))).json.Attendees;
    expect(created).toHaveLength(3);
    const { json } = await deleteAttendees(env, meetingId, { ExternalUserIdPrefix: 'bot-' });
    expect(json.Deleted).toHaveLength(2);
    expect(json.Errors).toEqual([
      expect.objectContaining({ ErrorCode: 'ThrottlingException', ErrorMessage: expect.stringMatching(/paces DeleteAttendee/) }),
    ]);
    expect((await emulator.state()).calls).toEqual({ BatchCreateAttendee: 1, ListAttendees: 1, DeleteAttendee: 2 });
    expect(await emulator.attendees(meetingId)).toHaveLength(1);
  });
});
