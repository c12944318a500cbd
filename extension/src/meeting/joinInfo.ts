import type { Attendee, Meeting } from '../../../shared/index.ts';

/*
 * Join info: what a browser needs to join, as amazon-chime-sdk-js takes it.
 *
 *   const { Meeting, Attendee } = joinInfo;
 *   new MeetingSessionConfiguration(Meeting, Attendee);
 *
 * The SDK reads either argument bare or wrapped (`{ Meeting: {...} }`, `{ Attendee: {...} }`), so
 * `{ "JoinInfo": joinInfo }` also feeds code written for the serverless demo's /join answer
 * (`new MeetingSessionConfiguration(json.JoinInfo.Meeting, json.JoinInfo.Attendee)`).
 * The Meeting goes as GetMeeting answered it (MediaPlacement, MediaRegion, MeetingFeatures…: the SDK
 * reads MediaPlacement and, in recent versions, MeetingFeatures); the attendee with what the SDK reads.
 */

/** The attendee with only what the SDK reads. */
const forSdk = ({ AttendeeId, ExternalUserId, JoinToken }: Attendee) => ({ AttendeeId, ExternalUserId, JoinToken });

export interface JoinInfo {
  Meeting: Meeting;
  Attendee: ReturnType<typeof forSdk>;
}

export interface AllJoinInfo {
  Meeting: Meeting;
  /** One MeetingSessionConfiguration per attendee: `Attendees.map((a) => new MeetingSessionConfiguration(Meeting, a))`. */
  Attendees: ReturnType<typeof forSdk>[];
}

export const joinInfo = (meeting: Meeting, attendee: Attendee): JoinInfo => ({ Meeting: meeting, Attendee: forSdk(attendee) });

export const joinInfoJson = (meeting: Meeting, attendee: Attendee) => JSON.stringify(joinInfo(meeting, attendee), null, 2);

export const allJoinInfoJson = (meeting: Meeting, attendees: readonly Attendee[]) =>
  JSON.stringify({ Meeting: meeting, Attendees: attendees.map(forSdk) } satisfies AllJoinInfo, null, 2);

/** The meeting alone, in CreateMeeting's shape: MeetingSessionConfiguration's first argument. */
export const meetingJson = (meeting: Meeting) => JSON.stringify({ Meeting: meeting }, null, 2);

/** Why this meeting cannot be joined with, or undefined: the SDK reads MediaPlacement's URLs. */
export function joinInfoProblem(meeting: Meeting): string | undefined {
  const { AudioHostUrl, SignalingUrl } = meeting.MediaPlacement ?? {};
  return AudioHostUrl && SignalingUrl ? undefined : 'the meeting has no MediaPlacement, which the SDK needs to join';
}

/** The region of a meeting's ARN (`arn:aws:chime:us-east-1:…`), where its API calls go. */
export function arnRegion(arn: string | undefined): string | undefined {
  return arn?.split(':')[3] || undefined;
}
