import { describe, expect, it } from 'vitest';
import {
  allJoinInfoJson,
  arnRegion,
  joinInfo,
  joinInfoJson,
  joinInfoProblem,
  meetingJson,
} from '../../../extension/src/meeting/joinInfo.ts';
import { fakeMeeting } from './support/fakeWorker.ts';

const meetingId = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const meeting = { ...fakeMeeting(meetingId), MeetingFeatures: { Audio: { EchoReduction: 'AVAILABLE' } } };
const attendee = (n: number) => ({
  AttendeeId: `1a1b2c3d-4e5f-6789-abcd-ef012345678${n}`,
  ExternalUserId: `bot-${n}`,
  JoinToken: `join-token-${n}`,
  Capabilities: { Audio: 'SendReceive', Video: 'None', Content: 'None' } as const,
});

/**
 * What amazon-chime-sdk-js's `new MeetingSessionConfiguration(meeting, attendee)` reads from its two
 * arguments, as its source does: keys compared without case, each argument either bare or wrapped in
 * `{ Meeting }` / `{ Attendee }`. Written out here so the copied shape is checked against the reader.
 */
function sdkReads(meetingArg: unknown, attendeeArg: unknown) {
  const lower = (value: unknown): any =>
    Array.isArray(value)
      ? value.map(lower)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toLowerCase(), lower(v)]))
        : value;
  let m = lower(meetingArg);
  if (m.meeting) m = m.meeting;
  let a = lower(attendeeArg);
  if (a.attendee) a = a.attendee;
  return {
    meetingId: m.meetingid,
    audioHostURL: m.mediaplacement.audiohosturl,
    signalingURL: m.mediaplacement.signalingurl,
    turnControlURL: m.mediaplacement.turncontrolurl,
    attendeeId: a.attendeeid,
    externalUserId: a.externaluserid,
    joinToken: a.jointoken,
  };
}

const expected = (n: number) => ({
  meetingId,
  audioHostURL: meeting.MediaPlacement.AudioHostUrl,
  signalingURL: meeting.MediaPlacement.SignalingUrl,
  turnControlURL: meeting.MediaPlacement.TurnControlUrl,
  attendeeId: attendee(n).AttendeeId,
  externalUserId: `bot-${n}`,
  joinToken: `join-token-${n}`,
});

describe('join info', () => {
  it('is { Meeting, Attendee }: the meeting as GetMeeting answered it, the attendee with what the SDK reads', () => {
    expect(JSON.parse(joinInfoJson(meeting, attendee(1)))).toEqual({
      Meeting: meeting,
      Attendee: { AttendeeId: attendee(1).AttendeeId, ExternalUserId: 'bot-1', JoinToken: 'join-token-1' },
    });
  });

  it('feeds MeetingSessionConfiguration(Meeting, Attendee) as is', () => {
    const { Meeting, Attendee } = JSON.parse(joinInfoJson(meeting, attendee(1)));
    expect(sdkReads(Meeting, Attendee)).toEqual(expected(1));
  });

  it('also feeds code written for the serverless demo, wrapped in { JoinInfo }', () => {
    const demoAnswer = JSON.parse(JSON.stringify({ JoinInfo: joinInfo(meeting, attendee(2)) }));
    expect(sdkReads(demoAnswer.JoinInfo.Meeting, demoAnswer.JoinInfo.Attendee)).toEqual(expected(2));
    // The demo's own answer nests one level more ({ Meeting: { Meeting } }); the SDK takes both.
    expect(sdkReads({ Meeting: meeting }, { Attendee: attendee(2) })).toEqual(expected(2));
  });

  it('for all attendees is one Meeting and a list, one MeetingSessionConfiguration each', () => {
    const all = JSON.parse(allJoinInfoJson(meeting, [attendee(1), attendee(2)]));
    expect(Object.keys(all)).toEqual(['Meeting', 'Attendees']);
    expect(all.Attendees.map((a: unknown) => sdkReads(all.Meeting, a))).toEqual([expected(1), expected(2)]);
    expect(JSON.stringify(all)).not.toContain('Capabilities');
  });

  it('the meeting alone is CreateMeeting’s { Meeting }', () => {
    expect(JSON.parse(meetingJson(meeting))).toEqual({ Meeting: meeting });
  });

  it('says when a meeting cannot be joined with (no MediaPlacement)', () => {
    expect(joinInfoProblem(meeting)).toBeUndefined();
    expect(joinInfoProblem({ MeetingId: meetingId })).toMatch(/no MediaPlacement/);
  });

  it('reads the region of a meeting ARN', () => {
    expect(arnRegion(`arn:aws:chime:eu-central-1:123456789012:meeting/${meetingId}`)).toBe('eu-central-1');
    expect(arnRegion(undefined)).toBeUndefined();
    expect(arnRegion('nonsense')).toBeUndefined();
  });
});
