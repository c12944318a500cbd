/** The public shape of the emulator: what tests, load tests and `npm start` code against. */

/** The two Amazon Chime APIs with meeting operations; one emulator instance speaks one of them. */
export type Flavor = 'chime-sdk-meetings' | 'chime';

export const OPERATIONS = [
  'CreateMeeting',
  'GetMeeting',
  'DeleteMeeting',
  'BatchCreateAttendee',
  'CreateAttendee',
  'GetAttendee',
  'ListAttendees',
  'DeleteAttendee',
] as const;
export type OperationName = (typeof OPERATIONS)[number];

export interface EmulatorCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface Faults {
  /** PRNG seed, deterministic. */
  seed?: number;
  /** 0..1 → 429 ThrottlingException (legacy: ThrottledClientException). */
  throttleRate?: number;
  /** 0..1 → 500 ServiceFailureException or 503 ServiceUnavailableException. */
  errorRate?: number;
  /** Sent as Retry-After on 429/503 when set. */
  retryAfterSeconds?: number;
  /** Added before answering (every faultable call). */
  latencyMs?: number;
  /** 0..1: destroy the socket without answering, BEFORE doing the work. */
  dropRate?: number;
  /** 0..1: do the work (attendees created), then destroy the socket: tests idempotent retries. */
  dropAfterRate?: number;
  /**
   * Forced outcomes for the next faultable calls in order, consumed before random faults.
   * A number is an HTTP status answered with the matching error shape (200: answer normally).
   */
  script?: Array<{ outcome: number | 'drop' | 'drop-after'; retryAfterSeconds?: number }>;
  /** Operations faults apply to; default ['BatchCreateAttendee']. */
  operations?: string[];
}

/** Amazon Chime's throttling: each operation's calls per second, with a burst allowed after a quiet spell. */
export interface RateLimit {
  /** Refill rate of each operation's bucket; fractions allowed. */
  callsPerSecond: number;
  /** Calls an operation may make at once from a full bucket (also its size). */
  burst: number;
  /** Operations limited; default all of OPERATIONS, each with a bucket of its own. */
  operations?: string[];
}

export interface EmulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default 'chime-sdk-meetings'. */
  flavor?: Flavor;
  /** Default us-east-1; the legacy `chime` flavor is always us-east-1. */
  region?: string;
  /** Default: LOCAL_CREDENTIALS from defaults.ts. */
  credentials?: EmulatorCredentials[];
  faults?: Faults;
  /** Throttling as AWS does it (AWS_RATE_LIMIT in defaults.ts holds its numbers); default none. */
  rateLimit?: RateLimit;
  /** Milliseconds read by the rate limit's buckets; default Date.now. Tests inject their own. */
  clock?: () => number;
  /**
   * A meeting ends by itself this long after it was made, as one that nobody joins does on AWS (nobody can
   * join the emulator's meetings; creating attendees is not joining). Default 300000 (5 minutes).
   */
  meetingAutoEndMs?: number;
  /**
   * The legacy `chime` endpoint as AWS runs it since February 2025: every signed call is refused with
   * 403 ForbiddenException, "… not authorized to call deprecated Amazon Chime SDK API …". Legacy flavor only.
   */
  deprecated?: boolean;
}

export interface EmulatorAttendeeState {
  AttendeeId: string;
  ExternalUserId: string;
}

export interface EmulatorMeetingState {
  MeetingId: string;
  ExternalMeetingId?: string;
  /** Ended: by DeleteMeeting, or by itself. */
  Deleted: boolean;
  Attendees: EmulatorAttendeeState[];
}

/** A meeting as CreateMeeting and GetMeeting answer it, POST /_emulator/meetings too; the legacy API's ends at MediaPlacement. */
export interface EmulatorMeeting {
  MeetingId: string;
  ExternalMeetingId?: string;
  MediaRegion: string;
  /** SignalingUrl is the emulator's own WebSocket; the media URLs live under `.invalid`. */
  MediaPlacement: Record<
    | 'AudioHostUrl'
    | 'AudioFallbackUrl'
    | 'SignalingUrl'
    | 'TurnControlUrl'
    | 'ScreenDataUrl'
    | 'ScreenViewingUrl'
    | 'ScreenSharingUrl'
    | 'EventIngestionUrl',
    string
  >;
  MeetingHostId?: string;
  MeetingFeatures?: object;
  PrimaryMeetingId?: string;
  TenantIds?: string[];
  MeetingArn?: string;
}

/** A JOIN frame the signaling WebSocket received, decoded with the SDK's own protobuf definitions. */
export interface EmulatorJoin {
  MeetingId: string;
  /** Whose the JoinToken was (null: a token never handed out). */
  AttendeeId: string | null;
  /** It is this meeting's current attendee's: the join is accepted (and then ends, no media being emulated). */
  JoinTokenMatches: boolean;
  ProtocolVersion: number | null;
  /** The SDK's name for itself (e.g. amazon-chime-sdk-js) and its version, from the JOIN's client details. */
  ClientSource: string | null;
  ChimeSdkVersion: string | null;
}

/** What `GET /_emulator/state` answers: never JoinTokens. */
export interface EmulatorState {
  /** Signed calls that reached an operation, faulted ones included. */
  calls: Record<string, number>;
  /** Of those, the calls the rate limit answered 429. */
  throttled: Record<string, number>;
  meetings: EmulatorMeetingState[];
  /** The latest JOIN frames received on the signaling WebSocket, oldest first. */
  joins: EmulatorJoin[];
}

export interface Emulator {
  url: string;
  port: number;
  flavor: Flavor;
  region: string;
  /** Replaces the faults (and restarts the PRNG from their seed). */
  setFaults(faults: Faults): void;
  /** Replaces the rate limit (undefined: none) with full buckets. */
  setRateLimit(limit: RateLimit | undefined): void;
  /**
   * Clears faults and call counters and puts back the rate limit the emulator started with, buckets
   * full; with `{ meetings: true }` also forgets every meeting.
   */
  reset(options?: { meetings?: boolean }): void;
  state(): EmulatorState;
  /** Stops listening, drops every connection (idle keep-alive ones too) and pending latency timers. */
  close(): Promise<void>;
}
