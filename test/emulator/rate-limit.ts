import { OPERATIONS, type RateLimit } from './types.ts';
import { isRecord } from './validate.ts';

/** Bounds what a PUT /_emulator/rate-limit can ask for. */
const MAX_CALLS_PER_SECOND = 10_000;
const MAX_BURST = 10_000;

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms, by the limiter's clock). */
  at: number;
}

/**
 * Amazon Chime's throttling: one token bucket per operation, holding up to `burst` calls and refilled
 * at `callsPerSecond`. A call takes a token; with none left it is throttled and takes nothing. The
 * buckets are brought up to date from the clock on each call, so nothing runs between calls.
 */
export class RateLimiter {
  readonly limit: Readonly<RateLimit>;
  readonly #operations: ReadonlySet<string>;
  readonly #clock: () => number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(limit: RateLimit, clock: () => number) {
    this.limit = limit;
    this.#operations = new Set(limit.operations ?? OPERATIONS);
    this.#clock = clock;
  }

  /** Takes a token for one call of the operation; false when its bucket is empty. */
  admit(operation: string): boolean {
    if (!this.#operations.has(operation)) return true;
    const now = this.#clock();
    const bucket = this.#buckets.get(operation) ?? { tokens: this.limit.burst, at: now };
    const refill = (Math.max(0, now - bucket.at) / 1000) * this.limit.callsPerSecond;
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + refill);
    bucket.at = now;
    this.#buckets.set(operation, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}

/** Raised for a RateLimit value that is unbounded or misspelt; the message names the field. */
export class InvalidRateLimitError extends Error {
  override readonly name = 'InvalidRateLimitError';
}

const KNOWN_KEYS = new Set(['callsPerSecond', 'burst', 'operations']);

/** Checks untrusted input (PUT /_emulator/rate-limit, options, CLI) strictly; `null` means no limit. */
export function parseRateLimit(input: unknown): RateLimit | undefined {
  if (input === null) return undefined;
  if (!isRecord(input)) throw new InvalidRateLimitError('the rate limit must be a JSON object, or null for none');
  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.has(key)) throw new InvalidRateLimitError(`rateLimit.${key} is not a known field`);
  }
  const { callsPerSecond, burst, operations } = input;
  if (typeof callsPerSecond !== 'number' || !(callsPerSecond > 0 && callsPerSecond <= MAX_CALLS_PER_SECOND)) {
    throw new InvalidRateLimitError(`rateLimit.callsPerSecond must be a number above 0, at most ${MAX_CALLS_PER_SECOND}`);
  }
  if (typeof burst !== 'number' || !Number.isInteger(burst) || burst < 1 || burst > MAX_BURST) {
    throw new InvalidRateLimitError(`rateLimit.burst must be a whole number from 1 to ${MAX_BURST}`);
  }
  if (operations === undefined) return { callsPerSecond, burst };
  const known: readonly unknown[] = OPERATIONS;
  if (!Array.isArray(operations) || !operations.every((name) => known.includes(name))) {
    throw new InvalidRateLimitError(`rateLimit.operations must list operations among ${OPERATIONS.join(', ')}`);
  }
  return { callsPerSecond, burst, operations: [...(operations as string[])] };
}
