import * as v from 'valibot';
import { list } from './schemaParts.ts';

const optionalString = v.optional(v.string());
/** Any JSON object, passed on as it is; `type` states it in the OpenAPI document. */
const anyObject = v.pipe(
  v.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null),
  v.metadata({ type: 'object' }),
);

/** Where a meeting's media lives: what a browser needs, with the attendee, to join (MeetingSessionConfiguration). */
export const MediaPlacementSchema = v.object({
  AudioHostUrl: optionalString,
  AudioFallbackUrl: optionalString,
  SignalingUrl: optionalString,
  TurnControlUrl: optionalString,
  ScreenDataUrl: optionalString,
  ScreenViewingUrl: optionalString,
  ScreenSharingUrl: optionalString,
  EventIngestionUrl: optionalString,
});

/**
 * A meeting as GetMeeting answers it. Only MeetingId is always there: the legacy API's Meeting has no
 * MeetingHostId, MeetingFeatures, PrimaryMeetingId, TenantIds or MeetingArn.
 */
export const MeetingSchema = v.object({
  MeetingId: v.string(),
  MeetingHostId: optionalString,
  ExternalMeetingId: optionalString,
  MediaRegion: optionalString,
  MediaPlacement: v.optional(MediaPlacementSchema),
  /** Passed on as Amazon Chime gives it (Audio.EchoReduction, Video/Content.MaxResolution, Attendee.MaxCount). */
  MeetingFeatures: v.optional(anyObject),
  PrimaryMeetingId: optionalString,
  TenantIds: v.optional(list(v.string())),
  MeetingArn: optionalString,
});

/** `GET /meetings/{MeetingId}`: the meeting is live; its MediaPlacement is what joining needs. */
export const GetMeetingResponseSchema = v.object({ Meeting: MeetingSchema });

export type MediaPlacement = v.InferOutput<typeof MediaPlacementSchema>;
export type Meeting = v.InferOutput<typeof MeetingSchema>;
export type GetMeetingResponse = v.InferOutput<typeof GetMeetingResponseSchema>;
