import { ApiError } from './errors.ts';
import { withRetries, type Attempt, type AttemptCounter, type RetryPolicy } from './retry.ts';

/** What a request's upstream calls add up to, for its log line and its x-upstream-attempts and Server-Timing headers. */
export interface UpstreamStats extends AttemptCounter {
  /** 200 when the last call to finish succeeded, else its error's status. */
  status?: number;
  /** When the first call started and the last one ended (ms since the epoch). */
  startedAt?: number;
  endedAt?: number;
}

/** A batch part's outcome: its value, or the error it failed with for good. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** One upstream call, retried under the policy, counted and timed in the request's stats. */
export async function callUpstream<T>(call: (attempt: Attempt) => Promise<T>, policy: RetryPolicy, stats: UpstreamStats): Promise<T> {
  stats.startedAt ??= Date.now();
  try {
    const value = await withRetries(call, policy, stats);
    stats.status = 200;
    return value;
  } catch (error) {
    stats.status = error instanceof ApiError ? error.status : 500;
    throw error;
  } finally {
    stats.endedAt = Date.now();
  }
}

/** callUpstream for one part of a batch: the failure is returned, so the batch accounts for the part and goes on. */
export async function settle<T>(call: (attempt: Attempt) => Promise<T>, policy: RetryPolicy, stats: UpstreamStats): Promise<Settled<T>> {
  try {
    return { ok: true, value: await callUpstream(call, policy, stats) };
  } catch (error) {
    return { ok: false, error: error instanceof ApiError ? error : new ApiError('ServiceFailureException', 'An Amazon Chime call failed unexpectedly') };
  }
}

/** When every part of a batch failed, nothing was done: the answer is the first failure rather than a 200. */
export function throwIfAllFailed(results: readonly Settled<unknown>[]): void {
  const failures = results.flatMap((result) => (result.ok ? [] : [result.error]));
  if (failures.length > 0 && failures.length === results.length) throw failures[0];
}
