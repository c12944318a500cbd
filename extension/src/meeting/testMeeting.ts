import {
  ExternalMeetingIdSchema,
  HIGH_RESOLUTION_MAX_ATTENDEES,
  LIMITS,
  meetingCapacity,
  parseSafely,
  type Capabilities,
  type CreateMeetingRequest,
  type MeetingFeatures,
} from '../../../shared/index.ts';
import { plural } from '../plural.ts';

/*
 * A test meeting as Create Test Meeting… asks for it: an ExternalMeetingId naming who made it and when,
 * a media region, a feature preset, and optionally test bots created in the same call.
 */

export interface FeaturePreset {
  label: string;
  detail: string;
  features: MeetingFeatures;
}

export const FEATURE_PRESETS: readonly FeaturePreset[] = [
  {
    label: 'Audio only',
    detail: `No video, no content share; up to ${plural(LIMITS.attendeesPerMeeting, 'attendee')}`,
    features: { Video: { MaxResolution: 'None' }, Content: { MaxResolution: 'None' } },
  },
  {
    label: 'HD video',
    detail: `Video up to HD, content up to FHD (the service's defaults); up to ${plural(LIMITS.attendeesPerMeeting, 'attendee')}`,
    features: { Video: { MaxResolution: 'HD' }, Content: { MaxResolution: 'FHD' } },
  },
  {
    label: 'FHD video',
    detail: `Video up to FHD, content up to FHD; up to ${plural(HIGH_RESOLUTION_MAX_ATTENDEES, 'attendee')}`,
    features: { Video: { MaxResolution: 'FHD' }, Content: { MaxResolution: 'FHD' }, Attendee: { MaxCount: HIGH_RESOLUTION_MAX_ATTENDEES } },
  },
];

/** Bots join without media: they fill slots and cost nothing to keep. */
export const SILENT: Capabilities = { Audio: 'None', Video: 'None', Content: 'None' };

/** Bots are named `bot-1`, `bot-2`, … in their own meeting. */
export const botIds = (count: number) => Array.from({ length: count }, (_, index) => `bot-${index + 1}`);

/**
 * `alice-20261201-0958`: the user's name (the part of a git email before the @, or the OS user) and the
 * local time, in the characters an ExternalMeetingId may hold.
 */
export function defaultExternalMeetingId(user: string | undefined, now: Date): string {
  const name = (user?.split('@')[0] ?? '').replace(/[^-_.@+=,:/a-zA-Z0-9]/g, '-').slice(0, 40) || 'test';
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  return `${name.replace(/^aws:/i, 'aws-')}-${stamp}`;
}

/** Why the text cannot be an ExternalMeetingId (the same rules as an ExternalUserId), or undefined. */
export function checkExternalMeetingId(text: string): string | undefined {
  const result = parseSafely(ExternalMeetingIdSchema, text.trim());
  return result.success ? undefined : `The ExternalMeetingId ${result.issues[0].message}`;
}

/** Why the text is not a number of bots the preset's meeting holds, or undefined. */
export function checkBotCount(text: string, features: MeetingFeatures): string | undefined {
  const capacity = meetingCapacity({ MeetingFeatures: features });
  const count = Number(text.trim());
  return text.trim() && Number.isInteger(count) && count >= 0 && count <= capacity
    ? undefined
    : `Type a whole number from 0 to ${capacity} (the meeting holds ${plural(capacity, 'attendee')})`;
}

export interface TestMeetingAnswers {
  externalMeetingId: string;
  mediaRegion: CreateMeetingRequest['MediaRegion'];
  preset: FeaturePreset;
  bots: number;
}

/** POST /meetings' body; the ClientRequestToken makes a retry answer the same meeting instead of a second one. */
export function testMeetingRequest(answers: TestMeetingAnswers, clientRequestToken: string): CreateMeetingRequest {
  const { externalMeetingId, mediaRegion, preset, bots } = answers;
  const Attendees = botIds(bots).map((ExternalUserId) => ({ ExternalUserId, Capabilities: SILENT }));
  return {
    ClientRequestToken: clientRequestToken,
    ExternalMeetingId: externalMeetingId.trim(),
    MediaRegion: mediaRegion,
    MeetingFeatures: preset.features,
    ...(Attendees.length ? { Attendees } : {}),
  };
}
