import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { emulatorControl } from '../support/emulator-control.ts';
import { startEmulator, type Emulator } from './server.ts';
import { signedRequest, type SignedRequestInit } from './signed-request.ts';

interface Attendee {
  AttendeeId: string;
  ExternalUserId: string;
  JoinToken: string;
}
interface BatchAnswer {
  Attendees: Attendee[];
  Errors: Array<{ ExternalUserId: string; ErrorCode: string; ErrorMessage: string }>;
}

let emulator: Emulator;
let meetingId: string;

async function call<T = any>(init: SignedRequestInit): Promise<{ status: number; type: string | null; body: T }> {
  const response = await signedRequest(emulator.url, init);
  const text = await response.text();
  return { status: response.status, type: response.headers.get('x-amzn-errortype'), body: text ? JSON.parse(text) : undefined };
}
const batch = (attendees: unknown[], meeting = meetingId) =>
  call<BatchAnswer>({ method: 'POST', path: `/meetings/${meeting}/attendees?operation=batch-create`, json: { Attendees: attendees } });
const people = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => ({ ExternalUserId: `${prefix}-${i}` }));
const attendeeCount = () => emulator.state().meetings.find((m) => m.MeetingId === meetingId)!.Attendees.length;

beforeAll(async () => {
  emulator = await startEmulator();
});
beforeEach(async () => {
  emulator.reset({ meetings: true });
  meetingId = await emulatorControl(emulator.url).createMeeting();
});
afterAll(() => emulator.close());

describe('ExternalUserId as an idempotency token', () => {
  it('returns the same attendee, JoinToken included, for a repeated ExternalUserId', async () => {
    const first = await batch(people(2, 'p'));
    const again = await batch(people(3, 'p'));
    expect(again.status).toBe(200);
    expect(again.body.Attendees.slice(0, 2)).toEqual(first.body.Attendees);
    const single = await call<{ Attendee: Attendee }>({
      method: 'POST',
      path: `/meetings/${meetingId}/attendees`,
      json: { ExternalUserId: 'p-0' },
    });
    expect(single.body.Attendee).toEqual(first.body.Attendees[0]);
    expect(attendeeCount()).toBe(3);
  });

  it('answers a duplicate within one batch with the same attendee, taking one slot', async () => {
    const { body } = await batch([{ ExternalUserId: 'twice' }, { ExternalUserId: 'twice' }]);
    expect(body.Attendees).toHaveLength(2);
    expect(body.Attendees[0]).toEqual(body.Attendees[1]);
    expect(attendeeCount()).toBe(1);
  });
});

describe('the 250-attendee cap', () => {
  async function fillTo(count: number) {
    for (let made = 0; made < count; made += 100) await batch(people(Math.min(100, count - made), `fill${made}`));
    expect(attendeeCount()).toBe(count);
  }

  it('creates the new attendees that fit, in order, and lists the rest in Errors', async () => {
    await fillTo(240);
    const { status, body } = await batch(people(20, 'late'));
    expect(status).toBe(200);
    expect(body.Attendees.map((a) => a.ExternalUserId)).toEqual(people(10, 'late').map((p) => p.ExternalUserId));
    expect(body.Errors.map((e) => e.ExternalUserId)).toEqual(
      people(20, 'late')
        .slice(10)
        .map((p) => p.ExternalUserId),
    );
    expect(body.Errors.every((e) => e.ErrorCode === 'LimitExceededException' && /250/.test(e.ErrorMessage))).toBe(true);
    expect(attendeeCount()).toBe(250);
  });

  it('refuses with LimitExceededException when none of the new ones fit, yet still answers repeats', async () => {
    await fillTo(250);
    const full = await batch([{ ExternalUserId: 'fill0-0' }, { ExternalUserId: 'newcomer' }]);
    expect([full.status, full.type]).toEqual([400, 'LimitExceededException']);
    expect(full.body).toMatchObject({ Code: 'LimitExceeded' });
    const single = await call({ method: 'POST', path: `/meetings/${meetingId}/attendees`, json: { ExternalUserId: 'newcomer' } });
    expect([single.status, single.type]).toEqual([400, 'LimitExceededException']);
    const repeat = await batch([{ ExternalUserId: 'fill0-0' }, { ExternalUserId: 'fill200-49' }]);
    expect([repeat.status, repeat.body.Attendees.length, repeat.body.Errors]).toEqual([200, 2, []]);
  });

  it('frees a slot on DeleteAttendee; the deleted ExternalUserId may come back as a new attendee', async () => {
    await fillTo(250);
    const [victim] = (await batch([{ ExternalUserId: 'fill0-0' }])).body.Attendees;
    const deleted = await call({ method: 'DELETE', path: `/meetings/${meetingId}/attendees/${victim!.AttendeeId}` });
    expect([deleted.status, deleted.body]).toEqual([204, undefined]);
    const back = await batch([{ ExternalUserId: 'fill0-0' }]);
    expect(back.status).toBe(200);
    expect(back.body.Attendees[0]!.AttendeeId).not.toBe(victim!.AttendeeId);
    const again = await call({ method: 'DELETE', path: `/meetings/${meetingId}/attendees/${victim!.AttendeeId}` });
    expect([again.status, again.type, again.body.Message]).toEqual([
      404,
      'NotFoundException',
      `Attendee <${victim!.AttendeeId}> not found`,
    ]);
  });
});

describe('input validation', () => {
  const expectBadRequest = async (answer: Promise<{ status: number; type: string | null }>, label: string) => {
    const { status, type } = await answer;
    expect([status, type], label).toEqual([400, 'BadRequestException']);
  };

  it('checks ExternalUserId: 2 to 64 characters of the documented set, no aws: prefix', async () => {
    const good = ['ab', 'x'.repeat(64), 'Zoë Ångström', 'a\tb', "o'brien+test@example.com", '[team](x){y}|«z»#1'];
    expect((await batch(good.map((ExternalUserId) => ({ ExternalUserId })))).status).toBe(200);
    for (const ExternalUserId of ['a', 'x'.repeat(65), 'aws:bot', 'AWS:bot', 'émoji😀', 'semi;colon', 'nbsp\u00a0', 42, null]) {
      await expectBadRequest(batch([{ ExternalUserId }]), String(ExternalUserId));
    }
    await expectBadRequest(batch([{}]), 'missing');
  });

  it('takes 1 to 100 attendees per call', async () => {
    await expectBadRequest(batch([]), 'none');
    await expectBadRequest(batch(people(101, 'many')), '101');
    await expectBadRequest(call({ method: 'POST', path: `/meetings/${meetingId}/attendees?operation=batch-create`, json: {} }), 'no list');
    expect((await batch(people(100, 'max'))).status).toBe(200);
  });

  it('checks Capabilities: all three, known values, and content receiving only with video receiving', async () => {
    const caps = (Audio: string, Video: string, Content: string) => [
      { ExternalUserId: `${Audio}-${Video}-${Content}`, Capabilities: { Audio, Video, Content } },
    ];
    for (const [video, content] of [
      ['None', 'Send'],
      ['Send', 'None'],
      ['Receive', 'Receive'],
      ['SendReceive', 'SendReceive'],
      ['None', 'None'],
    ]) {
      expect((await batch(caps('None', video!, content!))).status, `${video}/${content}`).toBe(200);
    }
    for (const [video, content] of [
      ['Send', 'Receive'],
      ['None', 'SendReceive'],
      ['Send', 'SendReceive'],
    ]) {
      await expectBadRequest(batch(caps('SendReceive', video!, content!)), `${video}/${content}`);
    }
    await expectBadRequest(batch(caps('Loud', 'None', 'None')), 'unknown value');
    await expectBadRequest(batch([{ ExternalUserId: 'partial', Capabilities: { Audio: 'None', Video: 'None' } }]), 'partial');
    await expectBadRequest(batch([{ ExternalUserId: 'tagged', Tags: [{ Key: 'k', Value: 'v' }] }]), 'legacy Tags');
  });

  it('checks the MeetingId and AttendeeId in the path', async () => {
    await expectBadRequest(batch(people(1, 'x'), 'not-a-guid'), 'meeting');
    await expectBadRequest(call({ path: `/meetings/${meetingId}/attendees/not-a-guid` }), 'attendee');
  });

  it('needs content-type: application/json and a JSON object body', async () => {
    const path = `/meetings/${meetingId}/attendees?operation=batch-create`;
    const body = JSON.stringify({ Attendees: people(1, 'x') });
    await expectBadRequest(call({ method: 'POST', path, body }), 'no content-type');
    await expectBadRequest(call({ method: 'POST', path, body, headers: { 'content-type': 'text/plain' } }), 'text/plain');
    await expectBadRequest(
      call({ method: 'POST', path, body: '{"Attendees":', headers: { 'content-type': 'application/json' } }),
      'broken JSON',
    );
    await expectBadRequest(call({ method: 'POST', path, body: '[]', headers: { 'content-type': 'application/json' } }), 'array');
    expect((await call({ method: 'POST', path, body, headers: { 'content-type': 'application/json; charset=utf-8' } })).status).toBe(200);
  });

  it('checks CreateMeeting: ClientRequestToken, MediaRegion, ExternalMeetingId', async () => {
    const create = (json: Record<string, unknown>) =>
      call({
        method: 'POST',
        path: '/meetings',
        json: { ClientRequestToken: 'tok-1', MediaRegion: 'us-east-1', ExternalMeetingId: 'mtg', ...json },
      });
    expect((await create({})).status).toBe(200);
    await expectBadRequest(create({ ClientRequestToken: 'has space' }), 'token pattern');
    await expectBadRequest(create({ ClientRequestToken: 'x' }), 'token length');
    await expectBadRequest(create({ MediaRegion: 'mars-north-1' }), 'region');
    await expectBadRequest(create({ ClientRequestToken: 'tok-2', ExternalMeetingId: undefined }), 'ExternalMeetingId');
  });
});

describe('meetings and listing', () => {
  it('answers calls on a deleted meeting with "The meeting has ended"', async () => {
    expect((await call({ method: 'DELETE', path: `/meetings/${meetingId}` })).status).toBe(204);
    for (const answer of [
      await batch(people(1, 'x')),
      await call({ path: `/meetings/${meetingId}/attendees` }),
      await call({ method: 'DELETE', path: `/meetings/${meetingId}` }),
    ]) {
      expect([answer.status, answer.type, answer.body.Message]).toEqual([404, 'NotFoundException', 'The meeting has ended']);
    }
    expect(emulator.state().meetings).toEqual([
      { MeetingId: meetingId, ExternalMeetingId: expect.any(String), Deleted: true, Attendees: [] },
    ]);
  });

  it('pages ListAttendees in creation order, unshaken by deletions between pages', async () => {
    const created = (await batch(people(5, 'l'))).body.Attendees;
    const list = (query: string) =>
      call<{ Attendees: Attendee[]; NextToken?: string }>({ path: `/meetings/${meetingId}/attendees${query}` });
    const first = await list('?max-results=2');
    expect(first.body.Attendees.map((a) => a.ExternalUserId)).toEqual(['l-0', 'l-1']);
    await call({ method: 'DELETE', path: `/meetings/${meetingId}/attendees/${created[0]!.AttendeeId}` });
    const second = await list(`?max-results=2&next-token=${encodeURIComponent(first.body.NextToken!)}`);
    expect(second.body.Attendees.map((a) => a.ExternalUserId)).toEqual(['l-2', 'l-3']);
    const last = await list(`?max-results=2&next-token=${encodeURIComponent(second.body.NextToken!)}`);
    expect([last.body.Attendees.map((a) => a.ExternalUserId), last.body.NextToken]).toEqual([['l-4'], undefined]);
    expect((await list('')).body.Attendees).toHaveLength(4);
  });

  it('refuses a max-results outside 1 to 100 and a next-token from elsewhere', async () => {
    for (const query of ['?max-results=0', '?max-results=101', '?max-results=two', '?next-token=bogus']) {
      expect((await call({ path: `/meetings/${meetingId}/attendees${query}` })).status, query).toBe(400);
    }
  });
});
