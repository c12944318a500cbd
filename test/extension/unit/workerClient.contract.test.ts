import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHIME_APIS } from '../../../shared/index.ts';
import { checkHealth, createAttendees, type WorkerResult } from '../../../extension/src/workerClient.ts';
import { workerTargets, type WorkerTarget } from './support/targets.ts';

// The same expectations for every worker: the client must read any of them the same way.
describe.each(workerTargets())('worker client against the $name', ({ start }) => {
  let worker: WorkerTarget;
  const target = (token: string | undefined = worker.token) => ({ baseUrl: worker.url, token, timeoutMs: 10_000 });
  const run = randomUUID().slice(0, 8);

  beforeAll(async () => {
    worker = await start();
  });
  afterAll(() => worker.close?.());

  it('reads the API flavor from /healthz', async () => {
    const result = await checkHealth(target());
    expect(result.ok && CHIME_APIS.includes(result.value.api)).toBe(true);
  });

  it('creates attendees, answering each requested ExternalUserId exactly once', async () => {
    const ids = [`unit-${run}-alice`, `unit-${run}-bot-1`];
    const result = await createAttendees(target(), worker.meetingId, { Attendees: ids.map((ExternalUserId) => ({ ExternalUserId })) });
    const value = expectOk(result);
    const answered = [...value.Attendees.map((a) => a.ExternalUserId), ...value.Errors.map((e) => e.ExternalUserId)];
    expect(answered.sort()).toEqual([...ids].sort());
    for (const attendee of value.Attendees) expect(attendee.JoinToken.length).toBeGreaterThan(0);
    expect(result.exchange).toMatchObject({ status: 200, requestId: expect.any(String), upstreamAttempts: expect.any(Number) });
    if (worker.emulatorUrl) {
      const created = await emulatorAttendees(worker.emulatorUrl, worker.meetingId);
      for (const attendee of value.Attendees) expect(created).toContainEqual({ AttendeeId: attendee.AttendeeId, ExternalUserId: attendee.ExternalUserId });
    }
  });

  it('accepts a base URL with a trailing slash', async () => {
    const result = await createAttendees({ ...target(), baseUrl: `${worker.url}/` }, worker.meetingId, { Attendees: [{ ExternalUserId: `unit-${run}-slash` }] });
    expectOk(result);
  });

  it('reports a wrong token as UnauthorizedException with the request ID', async () => {
    const result = await createAttendees(target('not-the-token'), worker.meetingId, { Attendees: [{ ExternalUserId: `unit-${run}-x` }] });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'refused', code: 'UnauthorizedException', requestId: expect.any(String) } });
  });

  it('reports a missing token as UnauthorizedException', async () => {
    const result = await createAttendees({ ...target(), token: undefined }, worker.meetingId, { Attendees: [{ ExternalUserId: `unit-${run}-x` }] });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'refused', code: 'UnauthorizedException' } });
  });

  it('reports an unknown meeting as NotFoundException', async () => {
    const result = await createAttendees(target(), randomUUID(), { Attendees: [{ ExternalUserId: `unit-${run}-x` }] });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'refused', code: 'NotFoundException' }, exchange: { status: 404 } });
  });

  it('passes on the issues of a request the worker finds invalid', async () => {
    // Sent as is: the client trusts its callers to have checked, and the worker checks again.
    const result = await createAttendees(target(), worker.meetingId, { Attendees: [{ ExternalUserId: 'a' }] });
    expect(result).toMatchObject({
      ok: false,
      failure: { kind: 'refused', code: 'BadRequestException', issues: [{ Path: 'Attendees[0].ExternalUserId', Message: 'must be 2 to 64 characters' }] },
    });
  });
});

function expectOk<T>(result: WorkerResult<T>): T {
  if (!result.ok) expect.fail(`expected success, got ${JSON.stringify(result.failure)}`);
  return result.value;
}

async function emulatorAttendees(emulatorUrl: string, meetingId: string) {
  const state = (await (await fetch(`${emulatorUrl}/_emulator/state`)).json()) as {
    meetings: Array<{ MeetingId: string; Attendees: Array<{ AttendeeId: string; ExternalUserId: string }> }>;
  };
  return state.meetings.find((meeting) => meeting.MeetingId === meetingId)?.Attendees ?? [];
}
