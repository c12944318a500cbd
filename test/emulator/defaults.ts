import type { EmulatorCredentials, RateLimit } from './types.ts';

/**
 * Credentials the emulator accepts by default. Deliberately not shaped like a real AWS key
 * (no AKIA/ASIA prefix), so they cannot be mistaken for, or leak as, real ones.
 */
export const LOCAL_CREDENTIALS: EmulatorCredentials = {
  accessKeyId: 'AKIDLOCALEMULATOR',
  secretAccessKey: 'local-emulator-secret-not-for-aws',
};

/** Where the unsigned control endpoints live: `/_emulator/state`, `/_emulator/faults`, … */
export const CONTROL_PREFIX = '/_emulator/';
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_REGION = 'us-east-1';
/** The legacy `chime` API only ever lived in us-east-1. */
export const LEGACY_REGION = 'us-east-1';
/** SigV4 signing name of both flavors. */
export const SIGNING_SERVICE = 'chime';
/** Account id used in MeetingArns; all zeros so it is never a real account. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** Requests above this are refused with 413 before being read further; far above any valid one. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** A meeting that nobody joins ends by itself this long after it was made, as on AWS (about 5 minutes). */
export const DEFAULT_MEETING_AUTO_END_MS = 5 * 60_000;
/** Bounds the store over long load tests; AWS has its own (account-level) meeting quotas. */
export const MAX_MEETINGS = 10_000;
/**
 * How long an idle keep-alive connection stays open. Node's 5 s default loses races with clients
 * that reuse pooled connections after a pause (workerd then fails with "Network connection lost");
 * AWS's load balancers keep idle connections for about a minute. close() ends idle ones at once.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * Amazon Chime's default API rate: 10 calls a second for each operation, per account and region, with
 * a burst of 20 (AWS lists separate burst quotas; 20 is what was seen documented per endpoint).
 */
export const AWS_RATE_LIMIT: RateLimit = { callsPerSecond: 10, burst: 20 };

/** Where the meetings' MediaPlacement.SignalingUrl points: `ws://HOST:PORT/control/<MeetingId>` on the emulator. */
export const SIGNALING_PATH = '/control';
/** The SDK's signal frames are small; a JOIN is a few hundred bytes. */
export const MAX_SIGNAL_FRAME_BYTES = 64 * 1024;
/** A signaling connection without a JOIN frame is closed after this long. */
export const JOIN_WAIT_MS = 10_000;
/** GET /_emulator/state keeps the latest joins, up to this many. */
export const MAX_JOINS_RECORDED = 10_000;
/**
 * How the emulator closes a signaling connection after a good JOIN: no media server stands behind it.
 * A private-use close code outside 4410 (meeting ended) and 4500-4599 (server errors, which the SDK retries).
 */
export const MEDIA_NOT_EMULATED = { code: 4999, reason: 'signaling reached, media not emulated' } as const;
