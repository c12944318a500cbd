import { ApiError, serviceFailure } from './errors.ts';
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

/** A request's upstream calls, bound once to its retry policy and stats. */
export interface Upstream {
  readonly stats: UpstreamStats;
  /** One call, retried under the policy, counted and timed in the stats; its failure is thrown. */
  call<T>(call: (attempt: Attempt) => Promise<T>): Promise<T>;
  /** One part of a batch: its failure is returned, so the batch accounts for the part and goes on. */
  settle<T>(call: (attempt: Attempt) => Promise<T>): Promise<Settled<T>>;
}

export function bindUpstream(policy: RetryPolicy): Upstream {
  const stats: UpstreamStats = { attempts: 0 };
  const call = async <T>(attempt: (attempt: Attempt) => Promise<T>): Promise<T> => {
    stats.startedAt ??= Date.now();
    try {
      const value = await withRetries(attempt, policy, stats);
      stats.status = 200;
      return value;
    } catch (error) {
      stats.status = error instanceof ApiError ? error.status : 500;
      throw error;
    } finally {
      stats.endedAt = Date.now();
    }
  };
  const settle = async <T>(attempt: (attempt: Attempt) => Promise<T>): Promise<Settled<T>> => {
    try {
      return { ok: true, value: await call(attempt) };
    } catch (error) {
      const failure = error instanceof ApiError ? error : serviceFailure('An Amazon Chime call failed unexpectedly', { cause: error });
      return { ok: false, error: failure };
    }
  };
  return { stats, call, settle };
}

/** When every part of a batch failed, nothing was done: the answer is the first failure rather than a 200. */
export function throwIfAllFailed(results: readonly Settled<unknown>[]): void {
  const [first] = results;
  if (first && !first.ok && results.every((result) => !result.ok)) throw first.error;
}
