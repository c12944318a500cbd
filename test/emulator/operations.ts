import { LOCAL_ACCOUNT_ID, MAX_MEETINGS } from './defaults.ts';
import { meetingFields } from './meeting-input.ts';
import { queryValue, type Query, type Route } from './routes.ts';
import type { MeetingStore, StoredAttendee, StoredMeeting } from './store.ts';
import type { EmulatorMeeting, Flavor, OperationName } from './types.ts';
import {
  attendeeRequest,
  attendeeRequests,
  badRequest,
  maxResults,
  requireGuid,
  type AttendeeRequest,
  type Capabilities,
} from './validate.ts';
import { ChimeError, flavoredErrorName } from './wire.ts';

export interface OperationContext {
  flavor: Flavor;
  /** The control-plane region of this instance (MeetingArns). */
  region: string;
  store: MeetingStore;
  /** The emulator's own signaling WebSocket, `ws://HOST:PORT/control`: meetings' SignalingUrl is under it. */
  signalingUrl: string;
  route: Route;
  query: Query;
  /** The parsed JSON body, for operations that take one. */
  body: Record<string, unknown>;
}

/** A success answer; errors are thrown as ChimeError. */
export interface OperationAnswer {
  status: number;
  body?: unknown;
}

type Operation = (context: OperationContext) => OperationAnswer;

/** Operations whose request has a JSON body (and so needs `content-type: application/json`). */
export const TAKES_JSON_BODY: ReadonlySet<OperationName> = new Set(['CreateMeeting', 'BatchCreateAttendee', 'CreateAttendee']);

/** What an attendee gets when the request gives no Capabilities (current API). */
const DEFAULT_CAPABILITIES: Capabilities = { Audio: 'SendReceive', Video: 'SendReceive', Content: 'SendReceive' };

/** The legacy API answers its create operations with 201 Created; the current one with 200. */
const created = (flavor: Flavor): number => (flavor === 'chime' ? 201 : 200);

export const OPERATION_HANDLERS: Record<OperationName, Operation> = {
  CreateMeeting(context) {
    const meeting = createMeeting(context);
    return { status: created(context.flavor), body: { Meeting: meetingJson(meeting, context) } };
  },

  GetMeeting(context) {
    return { status: 200, body: { Meeting: meetingJson(liveMeeting(context), context) } };
  },

  DeleteMeeting(context) {
    context.store.deleteMeeting(liveMeeting(context));
    return { status: 204 };
  },

  BatchCreateAttendee(context) {
    const meeting = liveMeeting(context);
    const requests = attendeeRequests(context.body, context.flavor);
    refuseSwitchedOffMedia(meeting, requests, (index) => `Attendees[${index}].`);
    const admission = context.store.admitAttendees(meeting, requests);
    if (admission.created === 0 && admission.rejected.length > 0) throw meetingFull(meeting, context.store);
    const errorCode = flavoredErrorName(context.flavor, 'LimitExceededException');
    return {
      status: created(context.flavor),
      body: {
        Attendees: admission.attendees.map((attendee) => attendeeJson(attendee, context.flavor)),
        Errors: admission.rejected.map(({ ExternalUserId }) => ({
          ExternalUserId,
          ErrorCode: errorCode,
          ErrorMessage: meetingFull(meeting, context.store).message,
        })),
      },
    };
  },

  CreateAttendee(context) {
    const meeting = liveMeeting(context);
    const request = attendeeRequest(context.body, context.flavor);
    refuseSwitchedOffMedia(meeting, [request], () => '');
    const [attendee] = context.store.admitAttendees(meeting, [request]).attendees;
    if (!attendee) throw meetingFull(meeting, context.store);
    return { status: created(context.flavor), body: { Attendee: attendeeJson(attendee, context.flavor) } };
  },

  GetAttendee(context) {
    const attendee = knownAttendee(context, liveMeeting(context));
    return { status: 200, body: { Attendee: attendeeJson(attendee, context.flavor) } };
  },

  ListAttendees(context) {
    const meeting = liveMeeting(context);
    const limit = maxResults(queryValue(context.query, 'max-results'));
    const after = pageStart(meeting, queryValue(context.query, 'next-token'));
    const { page, more } = context.store.listAttendees(meeting, after, limit);
    const body: { Attendees: unknown[]; NextToken?: string } = {
      Attendees: page.map((attendee) => attendeeJson(attendee, context.flavor)),
    };
    const last = page.at(-1);
    if (more && last) body.NextToken = nextToken(meeting, last.sequence);
    return { status: 200, body };
  },

  DeleteAttendee(context) {
    const meeting = liveMeeting(context);
    context.store.deleteAttendee(meeting, knownAttendee(context, meeting));
    return { status: 204 };
  },
};

/**
 * Idempotent on ClientRequestToken: a repeated (valid) request answers the meeting it created, while that
 * meeting is live; once it has ended, the token makes a new one.
 */
function createMeeting({ body, flavor, store }: OperationContext): StoredMeeting {
  const fields = meetingFields(body, flavor);
  const existing = store.meetingForToken(fields.ClientRequestToken);
  if (existing) return existing;
  if (store.size >= MAX_MEETINGS) {
    throw new ChimeError('LimitExceededException', `The emulator holds at most ${MAX_MEETINGS} meetings; reset it`);
  }
  return store.createMeeting(fields);
}

/**
 * With a MaxResolution of None for video or content, an attendee may neither send nor receive it:
 * the whole call is a 400. An attendee without Capabilities is accepted (the request includes none).
 */
function refuseSwitchedOffMedia(meeting: StoredMeeting, requests: AttendeeRequest[], field: (index: number) => string): void {
  for (const media of ['Video', 'Content'] as const) {
    if (meeting.MeetingFeatures?.[media]?.MaxResolution !== 'None') continue;
    const index = requests.findIndex((request) => request.Capabilities && request.Capabilities[media] !== 'None');
    if (index >= 0) throw badRequest(`${field(index)}Capabilities.${media} must be None: the meeting's ${media} MaxResolution is None`);
  }
}

function liveMeeting({ route, store }: OperationContext): StoredMeeting {
  const meetingId = requireGuid(route.meetingId ?? '', 'MeetingId');
  const meeting = store.meeting(meetingId);
  // Both messages are AWS's own, as seen in the wild.
  if (!meeting) throw new ChimeError('NotFoundException', `Meeting <${meetingId}> not found`);
  if (meeting.deleted) throw new ChimeError('NotFoundException', 'The meeting has ended');
  return meeting;
}

function knownAttendee({ route, store }: OperationContext, meeting: StoredMeeting): StoredAttendee {
  const attendeeId = requireGuid(route.attendeeId ?? '', 'AttendeeId');
  const attendee = store.attendee(meeting, attendeeId);
  if (!attendee) throw new ChimeError('NotFoundException', `Attendee <${attendeeId}> not found`);
  return attendee;
}

function meetingFull(meeting: StoredMeeting, store: MeetingStore): ChimeError {
  const message = `The meeting <${meeting.MeetingId}> already has the maximum of ${store.capacity(meeting)} attendees`;
  return new ChimeError('LimitExceededException', message);
}

/** Opaque to clients; binds the page position to its meeting so a token cannot be replayed elsewhere. */
function nextToken(meeting: StoredMeeting, lastSequence: number): string {
  return Buffer.from(JSON.stringify({ m: meeting.MeetingId, s: lastSequence })).toString('base64url');
}

function pageStart(meeting: StoredMeeting, token: string | undefined): number {
  if (token === undefined) return -1;
  try {
    const { m, s } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { m?: unknown; s?: unknown };
    if (m === meeting.MeetingId && Number.isInteger(s)) return s as number;
  } catch {
    // Falls through to the refusal below.
  }
  throw badRequest('next-token is not a token this meeting issued');
}

function attendeeJson(attendee: StoredAttendee, flavor: Flavor) {
  const { AttendeeId, ExternalUserId, JoinToken } = attendee;
  if (flavor === 'chime') return { ExternalUserId, AttendeeId, JoinToken };
  return { ExternalUserId, AttendeeId, JoinToken, Capabilities: attendee.Capabilities ?? DEFAULT_CAPABILITIES };
}

function meetingJson(meeting: StoredMeeting, { flavor, region, signalingUrl }: OperationContext): EmulatorMeeting {
  const { MeetingId, MeetingHostId, ExternalMeetingId, MediaRegion } = meeting;
  const common = { MeetingId, ExternalMeetingId, MediaRegion, MediaPlacement: mediaPlacement(meeting, signalingUrl) };
  if (flavor === 'chime') return common;
  return {
    ...common,
    MeetingHostId,
    MeetingFeatures: meeting.MeetingFeatures,
    PrimaryMeetingId: meeting.PrimaryMeetingId,
    TenantIds: meeting.TenantIds,
    MeetingArn: `arn:aws:chime:${region}:${LOCAL_ACCOUNT_ID}:meeting/${MeetingId}`,
  };
}

/**
 * The SignalingUrl is the emulator's own WebSocket, where the SDK joins. The media URLs are shaped like
 * AWS's (`…m2.ue1.app.chime.aws`), under the reserved `.invalid` domain so that nothing, a browser
 * included, can ever reach a real media server with them.
 */
function mediaPlacement({ MeetingId, MediaRegion }: StoredMeeting, signalingUrl: string) {
  const short = MediaRegion.split('-')
    .map((part, index) => (index < 2 ? part[0] : part))
    .join('');
  const domain = `m2.${short}.app.chime.aws.invalid`;
  return {
    AudioHostUrl: `${MeetingId.replaceAll('-', '')}.k.${domain}:3478`,
    AudioFallbackUrl: `wss://haxrp.${domain}:443/calls/${MeetingId}`,
    SignalingUrl: `${signalingUrl}/${MeetingId}`,
    TurnControlUrl: `https://ccp.cp.${short}.app.chime.aws.invalid/v2/turn_sessions`,
    ScreenDataUrl: `wss://bitpw.${domain}:443/v2/screen/${MeetingId}`,
    ScreenViewingUrl: `wss://bitpw.${domain}:443/ws/connect?passcode=null&viewer_uuid=null&X-BitHub-Call-Id=${MeetingId}`,
    ScreenSharingUrl: `wss://bitpw.${domain}:443/v2/screen/${MeetingId}`,
    EventIngestionUrl: `https://data.svc.${short}.ingest.chime.aws.invalid/v1/client-events`,
  };
}
