import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEADERS } from '../../shared/index.ts';
import {
  TOKEN,
  attendees,
  deleteAttendee,
  deleteAttendees,
  deleteMeeting,
  emulator,
  getMeeting,
  listAttendees,
  postAttendees,
  postMeeting,
  testEnv,
} from './harness.ts';

/** Tokens and their SHA-256, computed outside the worker (`printf %s TOKEN | sha256sum`). */
const CI = { token: 'ci-token-0123456789', sha256: 'fa8989317fb3e56b1fa9fc2f0608c179cf5672309f94ead4aeaec0a7abd50aca' };
const READER = { token: 'reader-token-0123456789', sha256: 'b3057e05d75e8cdca4bd6ddd527af736913e8464a7a3d47d7a09389eaa8e1eb4' };
const CREATOR = { token: 'creator-token-0123456789', sha256: '9e9ad62219a842bccebdd5696225d053c9c36423a99814c973ed72f0cf927958' };
const MULTI = { token: 'multi-token-0123456789', sha256: '82996a3d1bf65148a28a9ac7706e75b85df1cf37d90bf140ec9f91cd6505fdbd' };
const HOST = { token: 'host-token-0123456789', sha256: '284eb16d781b4a9ded921ca7f9790889a91b33039a8bf41a8c7a6e01bfdacd55' };
const BOTS = { token: 'bots-token-0123456789', sha256: '3922f928b11b3d5210e311f5b06ebe49205da9023a1d9faf85cd73459ebd9187' };

const env = testEnv({
  API_TOKENS_JSON: JSON.stringify([
    { name: 'ci', sha256: CI.sha256, prefixes: ['ci-bot-'], operations: ['delete', 'create'] },
    { name: 'reader', sha256: READER.sha256.toUpperCase(), operations: ['read'] },
    { name: 'creator', sha256: CREATOR.sha256, operations: ['create'] },
    { name: 'multi', sha256: MULTI.sha256, prefixes: ['a-', 'b-'] },
    { name: 'host', sha256: HOST.sha256, operations: ['meetings'] },
    { name: 'bots', sha256: BOTS.sha256, prefixes: ['ci-', 'qa-'], operations: ['create', 'meetings'] },
  ]),
});

afterEach(() => vi.restoreAllMocks());

/** A meeting holding these ExternalUserIds, made with the unscoped token; answers their AttendeeIds by ExternalUserId. */
async function meetingWith(...externalUserIds: string[]) {
  const meetingId = await emulator.createMeeting();
  const { json } = await postAttendees(env, meetingId, attendees(...externalUserIds));
  return {
    meetingId,
    idOf: Object.fromEntries(json.Attendees.map((a: any) => [a.ExternalUserId, a.AttendeeId])) as Record<string, string>,
  };
}

/** A 403 naming the rule, made before any upstream call, with no ExternalUserId in it. */
async function expectRefused(request: Promise<{ response: Response; json: any }>, message: string, ...secrets: string[]) {
  const before = await emulator.calls();
  const { response, json } = await request;
  expect([response.status, json.Code, json.Message]).toEqual([403, 'ForbiddenException', message]);
  expect(response.headers.get(HEADERS.errorType)).toBe('ForbiddenException');
  for (const secret of secrets) expect(JSON.stringify(json)).not.toContain(secret);
  expect(await emulator.calls()).toBe(before);
}

const create = (token: string, meetingId: string, ...ids: string[]) =>
  postAttendees(env, meetingId, attendees(...ids), { headers: { authorization: `Bearer ${token}` } });

describe('scoped tokens', () => {
  it('accepts a hashed token and logs its name, never the token', async () => {
    const log = vi.spyOn(console, 'log');
    const meetingId = await emulator.createMeeting();
    const { response, json } = await create(CI.token, meetingId, 'ci-bot-1', 'ci-bot-2');
    expect([response.status, json.Attendees.length]).toEqual([200, 2]);
    const line = log.mock.calls.map(([text]) => String(text)).find((text) => text.includes(meetingId))!;
    expect(JSON.parse(line)).toMatchObject({ token: 'ci', created: 2 });
    expect(line).not.toContain(CI.token);
    expect(line).not.toContain('ci-bot-1');
  });

  it('refuses to create an ExternalUserId outside the token’s prefixes, naming the rule and the place', async () => {
    const meetingId = await emulator.createMeeting();
    await expectRefused(
      create(CI.token, meetingId, 'ci-bot-1', 'ci-bot-2', 'ci-bot-3', 'Secret Person'),
      "token 'ci' may create only ExternalUserIds starting with ci-bot-; Attendees[3].ExternalUserId does not",
      'Secret Person',
    );
    expect(await emulator.attendees(meetingId)).toEqual([]);
  });

  it('names every prefix of a token with several', async () => {
    const meetingId = await emulator.createMeeting();
    expect((await create(MULTI.token, meetingId, 'a-1', 'b-1')).response.status).toBe(200);
    await expectRefused(
      create(MULTI.token, meetingId, 'c-1'),
      "token 'multi' may create only ExternalUserIds starting with a- or b-; Attendees[0].ExternalUserId does not",
    );
  });

  it('refuses an operation the token is not allowed, before looking at the request', async () => {
    const { meetingId, idOf } = await meetingWith('ci-bot-1');
    await expectRefused(getMeeting(env, meetingId, CI.token), "token 'ci' may not read (it may create and delete)");
    await expectRefused(listAttendees(env, meetingId, CI.token), "token 'ci' may not read (it may create and delete)");
    await expectRefused(create(READER.token, meetingId, 'x-1'), "token 'reader' may not create (it may read)");
    await expectRefused(deleteAttendee(env, meetingId, idOf['ci-bot-1']!, CREATOR.token), "token 'creator' may not delete (it may create)");
    await expectRefused(deleteAttendees(env, meetingId, 'not even json', READER.token), "token 'reader' may not delete (it may read)");
  });

  it('lets a read token get the meeting and list every attendee', async () => {
    const { meetingId } = await meetingWith('a-1', 'c-1');
    expect((await getMeeting(env, meetingId, READER.token)).response.status).toBe(200);
    const { json } = await listAttendees(env, meetingId, READER.token);
    expect(json.Attendees.map((a: any) => a.ExternalUserId).sort()).toEqual(['a-1', 'c-1']);
  });

  it('lists to a prefix-limited token only the attendees within its prefixes', async () => {
    const { meetingId } = await meetingWith('a-1', 'b-1', 'c-1', 'ab');
    const { response, json } = await listAttendees(env, meetingId, MULTI.token);
    expect(response.status).toBe(200);
    expect(json.Attendees.map((a: any) => a.ExternalUserId).sort()).toEqual(['a-1', 'b-1']);
  });

  it('deletes by prefix only within the token’s prefixes, checked before any upstream call', async () => {
    const { meetingId } = await meetingWith('ci-bot-1', 'ci-bot-load-1', 'ci-other');
    await expectRefused(
      deleteAttendees(env, meetingId, { ExternalUserIdPrefix: 'ci-' }, CI.token),
      "token 'ci' may delete only ExternalUserIds starting with ci-bot-; ExternalUserIdPrefix does not",
    );
    const { response, json } = await deleteAttendees(env, meetingId, { ExternalUserIdPrefix: 'ci-bot-load-' }, CI.token);
    expect([response.status, json.Deleted.map((a: any) => a.ExternalUserId)]).toEqual([200, ['ci-bot-load-1']]);
    expect((await emulator.attendees(meetingId)).map((a) => a.ExternalUserId).sort()).toEqual(['ci-bot-1', 'ci-other']);
  });

  it('refuses a delete by AttendeeId that reaches outside the token’s prefixes, deleting nothing', async () => {
    const { meetingId, idOf } = await meetingWith('ci-bot-1', 'Secret Person');
    const before = await emulator.calls('DeleteAttendee');
    const { response, json } = await deleteAttendees(env, meetingId, { AttendeeIds: [idOf['ci-bot-1'], idOf['Secret Person']] }, CI.token);
    expect([response.status, json.Message]).toEqual([
      403,
      `token 'ci' may delete only ExternalUserIds starting with ci-bot-; the ExternalUserId of attendee ${idOf['Secret Person']} does not`,
    ]);
    expect(await emulator.calls('DeleteAttendee')).toBe(before);
    expect(await emulator.attendees(meetingId)).toHaveLength(2);
  });

  it('deletes a single attendee only within the token’s prefixes', async () => {
    const { meetingId, idOf } = await meetingWith('ci-bot-1', 'Secret Person');
    const refused = await deleteAttendee(env, meetingId, idOf['Secret Person']!, CI.token);
    expect([refused.response.status, refused.json.Message]).toEqual([
      403,
      "token 'ci' may delete only ExternalUserIds starting with ci-bot-; the attendee's ExternalUserId does not",
    ]);
    expect(refused.text).not.toContain('Secret Person');
    expect((await deleteAttendee(env, meetingId, idOf['ci-bot-1']!, CI.token)).response.status).toBe(204);
    expect((await emulator.attendees(meetingId)).map((a) => a.ExternalUserId)).toEqual(['Secret Person']);
  });

  it('keeps the plain tokens of API_TOKENS working, unscoped, next to the hashed ones', async () => {
    const { meetingId, idOf } = await meetingWith('anyone', 'ci-bot-1');
    expect((await getMeeting(env, meetingId, TOKEN)).response.status).toBe(200);
    expect((await listAttendees(env, meetingId, 'other-token')).json.Attendees).toHaveLength(2);
    expect((await deleteAttendee(env, meetingId, idOf.anyone!, TOKEN)).response.status).toBe(204);
  });

  it('still answers a wrong token with 401', async () => {
    const meetingId = await emulator.createMeeting();
    const { response } = await create(CI.sha256, meetingId, 'ci-bot-1');
    expect(response.status).toBe(401);
  });
});

describe('scoped tokens and meetings', () => {
  const named = (ExternalMeetingId: string, ...ids: string[]) => ({ ExternalMeetingId, ...(ids.length ? attendees(...ids) : {}) });
  /** A live meeting made with the unscoped token. */
  const meeting = async (ExternalMeetingId: string) => (await postMeeting(env, named(ExternalMeetingId))).json.Meeting.MeetingId as string;

  it('needs the meetings operation to create or end a meeting, before looking at the request', async () => {
    const meetingId = await meeting('ci-standup');
    await expectRefused(postMeeting(env, 'not even json', CI.token), "token 'ci' may not manage meetings (it may create and delete)");
    await expectRefused(deleteMeeting(env, meetingId, READER.token), "token 'reader' may not manage meetings (it may read)");
    await expectRefused(getMeeting(env, meetingId, HOST.token), "token 'host' may not read (it may manage meetings)");
  });

  it('needs the create operation too for attendees in the new meeting, making no meeting without it', async () => {
    const ExternalMeetingId = `host-${crypto.randomUUID()}`;
    await expectRefused(
      postMeeting(env, named(ExternalMeetingId, 'bot-1'), HOST.token),
      "token 'host' may not create (it may manage meetings)",
    );
    const { response, json } = await postMeeting(env, named(ExternalMeetingId), HOST.token);
    expect([response.status, json.Meeting.ExternalMeetingId]).toEqual([200, ExternalMeetingId]);
    expect((await deleteMeeting(env, json.Meeting.MeetingId, HOST.token)).response.status).toBe(204);
  });

  it('creates only meetings whose ExternalMeetingId starts with one of the token’s prefixes', async () => {
    await expectRefused(
      postMeeting(env, named('Secret Board Meeting'), BOTS.token),
      "token 'bots' may create only meetings whose ExternalMeetingId starts with ci- or qa-; ExternalMeetingId does not",
      'Secret Board Meeting',
    );
    const { response, json } = await postMeeting(env, named('qa-nightly', 'ci-bot-1', 'qa-bot-2'), BOTS.token);
    expect([response.status, json.Attendees.length]).toEqual([200, 2]);
  });

  it('holds the attendees of a new meeting to the token’s prefixes, making no meeting when one is outside', async () => {
    await expectRefused(
      postMeeting(env, named('ci-standup', 'ci-bot-1', 'Secret Person'), BOTS.token),
      "token 'bots' may create only ExternalUserIds starting with ci- or qa-; Attendees[1].ExternalUserId does not",
      'Secret Person',
    );
  });

  it('ends only meetings whose ExternalMeetingId starts with one of its prefixes, reading the meeting first', async () => {
    const theirs = await meeting('Secret Board Meeting');
    const [gets, deletes] = [await emulator.calls('GetMeeting'), await emulator.calls('DeleteMeeting')];
    const refused = await deleteMeeting(env, theirs, BOTS.token);
    expect([refused.response.status, refused.json.Message]).toEqual([
      403,
      "token 'bots' may end only meetings whose ExternalMeetingId starts with ci- or qa-; the meeting's ExternalMeetingId does not",
    ]);
    expect(refused.text).not.toContain('Secret');
    expect([await emulator.calls('GetMeeting'), await emulator.calls('DeleteMeeting')]).toEqual([gets + 1, deletes]);
    expect((await getMeeting(env, theirs)).response.status).toBe(200);

    const ours = await meeting('ci-standup');
    expect((await deleteMeeting(env, ours, BOTS.token)).response.status).toBe(204);
    expect((await getMeeting(env, ours)).response.status).toBe(404);
  });

  it('ends any meeting with an unscoped token, without reading it first', async () => {
    const meetingId = await meeting('Any Meeting');
    const gets = await emulator.calls('GetMeeting');
    expect((await deleteMeeting(env, meetingId, HOST.token)).response.status).toBe(204);
    expect(await emulator.calls('GetMeeting')).toBe(gets);
  });
});
