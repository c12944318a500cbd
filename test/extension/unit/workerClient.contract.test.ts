import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMeeting } from '../../../extension/src/create/checkMeeting.ts';
import {
  checkHealth,
  createAttendees,
  createMeeting,
  deleteAttendee,
  endMeeting,
  deleteAttendees,
  getMeeting,
  getToken,
  isMeetingNotFound,
  isMissingRoute,
  listAttendees,
  type WorkerResult,
} from '../../../extension/src/worker/client.ts';
import { CHIME_APIS } from '../../../shared/index.ts';
import type { WorkerWithMeeting } from '../../support/worker-under-test.ts';
import { workerTargets } from './support/targets.ts';

// The same expectations for every worker: the client must read any of them the same way.
describe.each(workerTargets())('worker client against the $name', ({ start }) => {
  let worker: WorkerWithMeeting;
  const target = (token: string | undefined = worker.token) => ({ baseUrl: worker.url, token, timeoutMs: 10_000 });
  const run = randomUUID().slice(0, 8);

  beforeAll(async () => {
    worker = await start();
  });
  afterAll(() => worker.close());

  it('reads the API flavor from /healthz', async () => {
    const result = await checkHealth(target());
    expect(result.ok && CHIME_APIS.includes(result.value.api)).toBe(true);
  });

  it('reads what a token may do from GET /token, and refuses a wrong one', async () => {
    expect(expectOk(await getToken(target())).Operations).toEqual(expect.arrayContaining(['read', 'create', 'delete']));
    if (worker.noReadToken)
      expect(expectOk(await getToken(target(worker.noReadToken)))).toEqual({ Name: 'no-read', Operations: ['create', 'delete'] });
    expect(await getToken(target('not-the-token'))).toMatchObject({
      ok: false,
      failure: { kind: 'refused', code: 'UnauthorizedException' },
    });
  });

  it('creates attendees, answering each requested ExternalUserId exactly once', async () => {
    const ids = [`unit-${run}-alice`, `unit-${run}-bot-1`];
    const result = await createAttendees(target(), worker.meetingId, { Attendees: ids.map((ExternalUserId) => ({ ExternalUserId })) });
    const value = expectOk(result);
    const answered = [...value.Attendees.map((a) => a.ExternalUserId), ...value.Errors.map((e) => e.ExternalUserId)];
    expect(answered.sort()).toEqual([...ids].sort());
    for (const attendee of value.Attendees) expect(attendee.JoinToken.length).toBeGreaterThan(0);
    expect(result.exchange).toMatchObject({ status: 200, requestId: expect.any(String), upstreamAttempts: expect.any(Number) });
    if (worker.emulator) {
      const created = await worker.emulator.attendees(worker.meetingId);
      for (const attendee of value.Attendees)
        expect(created).toContainEqual({ AttendeeId: attendee.AttendeeId, ExternalUserId: attendee.ExternalUserId });
    }
  });

  it('accepts a base URL with a trailing slash', async () => {
    const result = await createAttendees({ ...target(), baseUrl: `${worker.url}/` }, worker.meetingId, {
      Attendees: [{ ExternalUserId: `unit-${run}-slash` }],
    });
    expectOk(result);
  });

  it('reports a wrong token as UnauthorizedException with the request ID', async () => {
    const result = await createAttendees(target('not-the-token'), worker.meetingId, { Attendees: [{ ExternalUserId: `unit-${run}-x` }] });
    expect(result).toMatchObject({ ok: false, failure: { kind: 'refused', code: 'UnauthorizedException', requestId: expect.any(String) } });
  });

  it('reports a missing token as UnauthorizedException', async () => {
    const result = await createAttendees({ ...target(), token: undefined }, worker.meetingId, {
      Attendees: [{ ExternalUserId: `unit-${run}-x` }],
    });
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
      failure: {
        kind: 'refused',
        code: 'BadRequestException',
        issues: [{ Path: 'Attendees[0].ExternalUserId', Message: 'must be 2 to 64 characters' }],
      },
    });
  });

  describe('test meetings', () => {
    it('reads the live meeting, with what joining needs', async () => {
      const { Meeting } = expectOk(await getMeeting(target(), worker.meetingId));
      expect(Meeting.MeetingId).toBe(worker.meetingId);
      expect(Meeting.MediaPlacement).toMatchObject({ AudioHostUrl: expect.any(String), SignalingUrl: expect.any(String) });
    });

    it('tells a missing meeting from a missing route', async () => {
      const missing = await getMeeting(target(), randomUUID());
      expect(!missing.ok && isMeetingNotFound(missing.failure) && !isMissingRoute(missing.failure)).toBe(true);
      const wrongPath = await getMeeting({ ...target(), baseUrl: `${worker.url}/not-the-worker` }, worker.meetingId);
      expect(!wrongPath.ok && isMissingRoute(wrongPath.failure) && !isMeetingNotFound(wrongPath.failure)).toBe(true);
    });

    it('lists attendees without JoinTokens, deletes them one by one and by prefix or AttendeeIds', async () => {
      const prefix = `unit-${run}-del-`;
      const ids = [1, 2, 3, 4].map((n) => `${prefix}${n}`);
      const created = expectOk(
        await createAttendees(target(), worker.meetingId, { Attendees: ids.map((ExternalUserId) => ({ ExternalUserId })) }),
      ).Attendees;
      const listed = expectOk(await listAttendees(target(), worker.meetingId)).Attendees;
      for (const attendee of created)
        expect(listed).toContainEqual(
          expect.objectContaining({ AttendeeId: attendee.AttendeeId, ExternalUserId: attendee.ExternalUserId }),
        );
      expect(JSON.stringify(listed)).not.toContain('JoinToken');

      const one = await deleteAttendee(target(), worker.meetingId, created[0]!.AttendeeId);
      expect(one).toMatchObject({ ok: true, value: undefined, exchange: { status: 204 } });
      const again = await deleteAttendee(target(), worker.meetingId, created[0]!.AttendeeId);
      expect(again).toMatchObject({ ok: false, failure: { kind: 'refused', code: 'NotFoundException' } });

      const unknown = randomUUID();
      const byIds = expectOk(await deleteAttendees(target(), worker.meetingId, { AttendeeIds: [created[1]!.AttendeeId, unknown] }));
      expect(byIds.Deleted).toEqual([{ AttendeeId: created[1]!.AttendeeId, ExternalUserId: ids[1] }]);
      expect(byIds.Errors).toEqual([expect.objectContaining({ AttendeeId: unknown, ErrorCode: 'NotFoundException' })]);

      const byPrefix = expectOk(await deleteAttendees(target(), worker.meetingId, { ExternalUserIdPrefix: prefix }));
      expect(byPrefix.Deleted.map((a) => a.ExternalUserId).sort()).toEqual(ids.slice(2));
      const left = expectOk(await listAttendees(target(), worker.meetingId)).Attendees;
      expect(left.filter((a) => a.ExternalUserId.startsWith(prefix))).toEqual([]);
    });

    it('answers a batch of AttendeeIds none of which is in the meeting with NotFoundException', async () => {
      const result = await deleteAttendees(target(), worker.meetingId, { AttendeeIds: [randomUUID()] });
      expect(!result.ok && isMeetingNotFound(result.failure)).toBe(true);
    });

    it('checks the slots before creating: new attendees against free slots, those already present take none', async () => {
      const present = `unit-${run}-present`;
      expectOk(await createAttendees(target(), worker.meetingId, { Attendees: [{ ExternalUserId: present }] }));
      const used = expectOk(await listAttendees(target(), worker.meetingId)).Attendees.length;
      const check = await checkMeeting(target(), worker.meetingId, [present, `unit-${run}-new`]);
      expect(check).toMatchObject({
        kind: 'checked',
        meeting: { MeetingId: worker.meetingId },
        slots: { used, newCount: 1, presentCount: 1, free: 250 - used, fits: true },
      });
      expect(await checkMeeting(target(), randomUUID(), [present])).toMatchObject({ kind: 'notFound' });
    });

    it('creates a meeting with its bots in one call, lists them with their capabilities, and ends it', async () => {
      const silent = { Audio: 'None', Video: 'None', Content: 'None' } as const;
      const bots = [1, 2, 3].map((n) => ({ ExternalUserId: `unit-${run}-mbot-${n}`, Capabilities: silent }));
      const body = {
        ExternalMeetingId: `unit-${run}-meeting`,
        MediaRegion: 'eu-west-2',
        MeetingFeatures: { Attendee: { MaxCount: 25 } },
        Attendees: bots,
      } as const;
      const created = expectOk(await createMeeting(target(), body));
      const { MeetingId } = created.Meeting;
      expect(created.Meeting).toMatchObject({
        ExternalMeetingId: body.ExternalMeetingId,
        MediaRegion: 'eu-west-2',
        MeetingFeatures: { Attendee: { MaxCount: 25 } },
      });
      expect(created.Attendees.map((a) => a.ExternalUserId)).toEqual(bots.map((b) => b.ExternalUserId));
      for (const attendee of created.Attendees) expect(attendee.JoinToken.length).toBeGreaterThan(0);
      expect(created.Errors).toEqual([]);
      const listed = expectOk(await listAttendees(target(), MeetingId)).Attendees;
      expect(listed.map(({ ExternalUserId, Capabilities }) => ({ ExternalUserId, Capabilities })).sort(byId)).toEqual([...bots].sort(byId));

      expect(await endMeeting(target(), MeetingId)).toMatchObject({ ok: true, value: undefined, exchange: { status: 204 } });
      const gone = await getMeeting(target(), MeetingId);
      expect(!gone.ok && isMeetingNotFound(gone.failure)).toBe(true);
    });

    it('refuses a meeting the contract refuses, naming the field', async () => {
      const result = await createMeeting(target(), { ExternalMeetingId: 'x' });
      expect(result).toMatchObject({
        ok: false,
        failure: { kind: 'refused', code: 'BadRequestException', issues: [{ Path: 'ExternalMeetingId' }] },
      });
    });

    it('a token that may not read is refused the meeting and its listing, and may still create and delete', async ({ skip }) => {
      if (!worker.noReadToken) return skip();
      const noRead = target(worker.noReadToken);
      expect(await getMeeting(noRead, worker.meetingId)).toMatchObject({
        ok: false,
        failure: { kind: 'refused', code: 'ForbiddenException' },
      });
      expect(await listAttendees(noRead, worker.meetingId)).toMatchObject({
        ok: false,
        failure: { kind: 'refused', code: 'ForbiddenException' },
      });
      expect(await checkMeeting(noRead, worker.meetingId, ['x1'])).toMatchObject({
        kind: 'unchecked',
        failure: { code: 'ForbiddenException' },
      });
      const prefix = `unit-${run}-noread-`;
      expectOk(await createAttendees(noRead, worker.meetingId, { Attendees: [{ ExternalUserId: `${prefix}1` }] }));
      const deleted = expectOk(await deleteAttendees(noRead, worker.meetingId, { ExternalUserIdPrefix: prefix }));
      expect(deleted.Deleted.map((a) => a.ExternalUserId)).toEqual([`${prefix}1`]);
    });
  });
});

const byId = (a: { ExternalUserId: string }, b: { ExternalUserId: string }) => a.ExternalUserId.localeCompare(b.ExternalUserId);

function expectOk<T>(result: WorkerResult<T>): T {
  if (!result.ok) expect.fail(`expected success, got ${JSON.stringify(result.failure)}`);
  return result.value;
}
