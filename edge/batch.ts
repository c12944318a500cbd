import { LIMITS, type Attendee, type AttendeeError, type AttendeeRequest, type BatchCreateAttendeeResponse } from '../shared/index.ts';
import type { ChimeClient } from './chime/client.ts';
import { ApiError } from './errors.ts';
import { withRetries, type AttemptCounter, type RetryPolicy } from './retry.ts';

/** A Worker may hold at most six outgoing connections at once; more would only queue. */
export const MAX_CONCURRENT_CALLS = 6;

export interface BatchStats extends AttemptCounter {
  /** Wall time from the first upstream call to the last answer. */
  upstreamMs: number;
  /** The status of the last upstream answer, when there was one. */
  upstreamStatus?: number;
}

type ChunkResult = { ok: true; value: BatchCreateAttendeeResponse } | { ok: false; error: ApiError };

/**
 * Creates up to a meeting's worth of attendees: calls of at most 100, run concurrently, each retried,
 * merged in the request's order. Every requested attendee comes back exactly once, created or with
 * its error. When every call failed nothing was created, and the first failure is thrown instead.
 */
export async function createAttendees(
  client: ChimeClient,
  meetingId: string,
  attendees: readonly AttendeeRequest[],
  policy: RetryPolicy,
  stats: BatchStats,
): Promise<BatchCreateAttendeeResponse> {
  const chunks = chunk(attendees, LIMITS.attendeesPerCall);
  const started = Date.now();
  const results = await mapConcurrently(chunks, MAX_CONCURRENT_CALLS, async (part): Promise<ChunkResult> => {
    try {
      const value = await withRetries((signal) => client.batchCreateAttendee(meetingId, part, signal), policy, stats);
      stats.upstreamStatus = 200;
      return { ok: true, value };
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('ServiceFailureException', 'Creating attendees failed unexpectedly');
      stats.upstreamStatus = apiError.status;
      return { ok: false, error: apiError };
    }
  });
  stats.upstreamMs = Date.now() - started;
  const firstFailure = results.find((r) => !r.ok);
  if (firstFailure && results.every((r) => !r.ok)) throw firstFailure.error;
  return merge(chunks, results);
}

function merge(chunks: readonly (readonly AttendeeRequest[])[], results: readonly ChunkResult[]): BatchCreateAttendeeResponse {
  const merged: BatchCreateAttendeeResponse = { Attendees: [], Errors: [] };
  chunks.forEach((part, index) => {
    const result = results[index]!;
    if (!result.ok) {
      for (const { ExternalUserId } of part) {
        merged.Errors.push({ ExternalUserId, ErrorCode: result.error.name, ErrorMessage: result.error.message });
      }
      return;
    }
    const created = new Map<string, Attendee>(result.value.Attendees.map((a) => [a.ExternalUserId, a]));
    const failed = new Map<string, AttendeeError>(result.value.Errors.map((e) => [e.ExternalUserId, e]));
    for (const { ExternalUserId } of part) {
      const attendee = created.get(ExternalUserId);
      if (attendee) merged.Attendees.push(attendee);
      else merged.Errors.push(failed.get(ExternalUserId) ?? unaccounted(ExternalUserId));
    }
  });
  return merged;
}

/** Amazon Chime's answer named this attendee neither created nor failed: say so rather than drop it. */
function unaccounted(ExternalUserId: string): AttendeeError {
  return { ExternalUserId, ErrorCode: 'ServiceFailureException', ErrorMessage: 'Amazon Chime did not report this attendee; retry to be sure' };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}

async function mapConcurrently<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
