import { AwsV4Signer } from 'aws4fetch';
import * as v from 'valibot';
import {
  GetMeetingResponseSchema,
  LIMITS,
  ListedAttendeeSchema,
  list,
  type AttendeeError,
  type AttendeeRequest,
  type BatchCreateAttendeeResponse,
  type CreateMeetingRequest,
  type ListedAttendee,
  type Meeting,
} from '../../shared/index.ts';
import type { Config } from '../config.ts';
import { ApiError, isNotFound, serviceFailure } from '../errors.ts';
import type { Pacer } from '../pacing/pacer.ts';
import type { Attempt } from '../retry.ts';
import { utf8 } from '../utf8.ts';
import { meetingNotFound, parseUpstreamError } from './upstream-error.ts';

/** Thrown when Amazon Chime could not be reached at all: worth a retry. */
export class UpstreamUnreachable extends ApiError {
  constructor(cause: unknown) {
    const reason = cause instanceof Error && cause.name === 'TimeoutError' ? 'timed out' : 'failed';
    super('ServiceUnavailableException', `The connection to Amazon Chime ${reason}`, { cause });
  }
}

/** Thrown when Amazon Chime answered success with a body we cannot read. */
const upstreamUnreadable = () => serviceFailure('Amazon Chime answered with a body that is not the expected JSON');

/** A page's NextToken: a string, or null or absent on the last page. */
const NextTokenSchema = v.optional(v.custom<string | null>((token) => token === null || typeof token === 'string'));
/** One page of ListAttendees. Its attendees are parsed with ListedAttendeeSchema, which drops their JoinTokens. */
const AttendeesPageSchema = v.object({ Attendees: list(ListedAttendeeSchema), NextToken: NextTokenSchema });
const GetAttendeeSchema = v.object({ Attendee: ListedAttendeeSchema });

/** CreateMeeting's body as Amazon Chime takes it: its two required members given. */
export type UpstreamCreateMeeting = Omit<CreateMeetingRequest, 'Attendees' | 'MediaRegion'> & {
  ClientRequestToken: string;
  MediaRegion: string;
};

export interface AttendeesPage {
  Attendees: ListedAttendee[];
  NextToken?: string;
}

/** Amazon Chime's meeting operations; each is paced on its own, as AWS rates each on its own. */
export type ChimeOperation =
  | 'CreateMeeting'
  | 'GetMeeting'
  | 'DeleteMeeting'
  | 'BatchCreateAttendee'
  | 'CreateAttendee'
  | 'GetAttendee'
  | 'ListAttendees'
  | 'DeleteAttendee';

const meetingPath = (meetingId: string) => `/meetings/${encodeURIComponent(meetingId)}`;
const attendeePath = (meetingId: string, attendeeId: string) => `${meetingPath(meetingId)}/attendees/${encodeURIComponent(attendeeId)}`;

/**
 * Signed calls to one Amazon Chime API endpoint. Made once per configuration, so the cache of derived
 * signing keys lives as long as the isolate. aws4fetch's signer is used without its client: retries
 * are the caller's business, and the signed parts go straight to fetch without an extra Request.
 * Every call names its operation and waits for the pacer's slot for it before it is signed and sent.
 * Each method throws ApiError for any failure.
 */
export class ChimeClient {
  readonly #signing: Omit<ConstructorParameters<typeof AwsV4Signer>[0], 'url'>;
  readonly #endpoint: string;
  readonly #pacer: Pacer;

  constructor(config: Pick<Config, 'region' | 'endpoint' | 'credentials'>, pacer: Pacer) {
    this.#endpoint = config.endpoint;
    this.#pacer = pacer;
    this.#signing = { ...config.credentials, service: 'chime', region: config.region, cache: new Map() };
  }

  /** One BatchCreateAttendee call (at most 100 attendees). */
  async batchCreateAttendee(meetingId: string, attendees: readonly AttendeeRequest[], call: Attempt): Promise<BatchCreateAttendeeResponse> {
    const path = `${meetingPath(meetingId)}/attendees?operation=batch-create`;
    const body = await this.#send('BatchCreateAttendee', 'POST', path, { Attendees: attendees }, call, meetingId);
    if (!body || !Array.isArray(body.Attendees)) throw upstreamUnreadable();
    return { Attendees: body.Attendees, Errors: Array.isArray(body.Errors) ? (body.Errors as AttendeeError[]) : [] };
  }

  async getMeeting(meetingId: string, call: Attempt): Promise<Meeting> {
    const body = await this.#send('GetMeeting', 'GET', meetingPath(meetingId), undefined, call, meetingId);
    return read(GetMeetingResponseSchema, body).Meeting;
  }

  /** One CreateMeeting; the same ClientRequestToken answers the same meeting, so a retry makes no second one. */
  async createMeeting(meeting: UpstreamCreateMeeting, call: Attempt): Promise<Meeting> {
    return read(GetMeetingResponseSchema, await this.#send('CreateMeeting', 'POST', '/meetings', meeting, call)).Meeting;
  }

  /** Ends the meeting for everyone, freeing all its slots at once. */
  async deleteMeeting(meetingId: string, call: Attempt): Promise<void> {
    await this.#send('DeleteMeeting', 'DELETE', meetingPath(meetingId), undefined, call, meetingId);
  }

  /** One page of ListAttendees, as large as Amazon Chime allows. */
  async listAttendeesPage(meetingId: string, nextToken: string | undefined, call: Attempt): Promise<AttendeesPage> {
    const query = `max-results=${LIMITS.attendeesPerListPage}${nextToken ? `&next-token=${encodeURIComponent(nextToken)}` : ''}`;
    const body = await this.#send('ListAttendees', 'GET', `${meetingPath(meetingId)}/attendees?${query}`, undefined, call, meetingId);
    const { Attendees, NextToken } = read(AttendeesPageSchema, body);
    return NextToken ? { Attendees, NextToken } : { Attendees };
  }

  /** The attendee without its JoinToken. */
  async getAttendee(meetingId: string, attendeeId: string, call: Attempt): Promise<ListedAttendee> {
    return read(GetAttendeeSchema, await this.#send('GetAttendee', 'GET', attendeePath(meetingId, attendeeId), undefined, call)).Attendee;
  }

  async deleteAttendee(meetingId: string, attendeeId: string, call: Attempt): Promise<void> {
    await this.#send('DeleteAttendee', 'DELETE', attendeePath(meetingId, attendeeId), undefined, call);
  }

  /** One call; `meetingId` names the meeting when the call is about it as a whole: NotFound can then only mean it is gone. */
  async #send(
    operation: ChimeOperation,
    method: string,
    path: string,
    payload: unknown,
    call: Attempt,
    meetingId?: string,
  ): Promise<Record<string, any> | undefined> {
    await this.#pacer.take(operation, call.deadline);
    const signed = await new AwsV4Signer({
      ...this.#signing,
      url: this.#endpoint + path,
      method,
      // As bytes: encoded once, for the body's hash and for fetch alike.
      ...(payload === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: utf8.encode(JSON.stringify(payload)) }),
    }).sign();
    let response: Response;
    try {
      response = await fetch(signed.url, { method, headers: signed.headers, body: signed.body ?? null, signal: call.signal() });
    } catch (error) {
      throw new UpstreamUnreachable(error);
    }
    if (!response.ok) {
      const error = await parseUpstreamError(response);
      throw meetingId !== undefined && isNotFound(error) ? meetingNotFound(meetingId, error) : error;
    }
    if (response.status === 204) return undefined;
    try {
      return (await response.json()) as Record<string, any>;
    } catch {
      throw upstreamUnreadable();
    }
  }
}

/** A success body in the shape the operation promises, or the unreadable-body error. */
function read<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, body);
  if (!result.success) throw upstreamUnreadable();
  return result.output;
}
