import { isRetryableStatus } from '../shared/index.ts';
import { ApiError } from './errors.ts';
import { CallNotSent } from './pacing/pacer.ts';

export interface RetryPolicy {
  /** No attempt starts, and no wait runs, past this many ms after the first attempt. */
  deadlineMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxAttempts: number;
  /** An attempt may run at least this long even close to the deadline. */
  minAttemptMs: number;
  random?: () => number;
}

export const DEFAULT_RETRY_POLICY: Omit<RetryPolicy, 'deadlineMs'> = {
  baseDelayMs: 100,
  maxDelayMs: 2_000,
  maxAttempts: 8,
  minAttemptMs: 1_000,
};

/** What each attempt is given. */
export interface Attempt {
  /** No call starts, and no wait runs, past this (ms since the epoch). */
  deadline: number;
  /** A signal ending the call at the deadline, or minAttemptMs after it starts if that is later: asked for as it starts. */
  signal(): AbortSignal;
}

/** Counts every attempt sent, across the calls that share it. */
export interface AttemptCounter {
  attempts: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, fails for good, or the deadline leaves no room for another try.
 * Backoff is capped exponential with full jitter; a Retry-After longer than that is waited out.
 * An attempt the pacer did not send (CallNotSent) is not counted, and ends the tries: its deadline is spent.
 * Safe for BatchCreateAttendee because ExternalUserId is an idempotency token.
 */
export async function withRetries<T>(attempt: (call: Attempt) => Promise<T>, policy: RetryPolicy, counter: AttemptCounter): Promise<T> {
  const random = policy.random ?? Math.random;
  const deadline = Date.now() + policy.deadlineMs;
  for (let tries = 1; ; tries++) {
    let value: T;
    try {
      value = await attempt({ deadline, signal: () => AbortSignal.timeout(Math.max(deadline - Date.now(), policy.minAttemptMs)) });
    } catch (error) {
      if (error instanceof CallNotSent) throw error;
      counter.attempts++;
      if (!(error instanceof ApiError && isRetryableStatus(error.status)) || tries >= policy.maxAttempts) throw error;
      const backoff = random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (tries - 1));
      const delay = Math.max(backoff, ((error as ApiError).retryAfterSeconds ?? 0) * 1000);
      if (Date.now() + delay >= deadline) throw error;
      await sleep(delay);
      continue;
    }
    counter.attempts++;
    return value;
  }
}
