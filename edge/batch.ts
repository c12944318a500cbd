import { LIMITS, type Attendee, type AttendeeError, type AttendeeRequest, type BatchCreateAttendeeResponse } from '../shared/index.ts';
import type { ChimeClient } from './chime/client.ts';
import { MAX_CONCURRENT_CALLS, mapConcurrently } from './concurrency.ts';
import { errorFields } from './errors.ts';
import { throwIfAllFailed, type Settled, type Upstream } from './upstream.ts';

/**
 * Creates up to a meeting's worth of attendees: calls of at most 100, run concurrently, each retried
 * (safe: ExternalUserId is an idempotency token), merged in the request's order. Every requested
 * attendee comes back exactly once, created or with its error. When every call failed nothing was
 * created, and the first failure is thrown instead, unless `reportAllFailed` asks for them all as Errors.
 */
export async function createAttendees(
  client: ChimeClient,
  meetingId: string,
  attendees: readonly AttendeeRequest[],
  upstream: Upstream,
  { reportAllFailed = false } = {},
): Promise<BatchCreateAttendeeResponse> {
  const chunks = chunk(attendees, LIMITS.attendeesPerCall);
  const results = await mapConcurrently(chunks, MAX_CONCURRENT_CALLS, (part) =>
    upstream.settle((call) => client.batchCreateAttendee(meetingId, part, call)),
  );
  if (!reportAllFailed) throwIfAllFailed(results);
  return merge(chunks, results);
}

function merge(
  chunks: readonly (readonly AttendeeRequest[])[],
  results: readonly Settled<BatchCreateAttendeeResponse>[],
): BatchCreateAttendeeResponse {
  const merged: BatchCreateAttendeeResponse = { Attendees: [], Errors: [] };
  chunks.forEach((part, index) => {
    const result = results[index]!;
    if (!result.ok) {
      for (const { ExternalUserId } of part) merged.Errors.push({ ExternalUserId, ...errorFields(result.error) });
      return;
    }
    if (createdInOrder(part, result.value)) {
      merged.Attendees.push(...result.value.Attendees);
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

/** Amazon Chime's usual answer: the part's attendees, all created, in the part's order; taken as it is. */
function createdInOrder(part: readonly AttendeeRequest[], { Attendees }: BatchCreateAttendeeResponse): boolean {
  if (Attendees.length !== part.length) return false;
  for (let index = 0; index < part.length; index++) if (Attendees[index]?.ExternalUserId !== part[index]!.ExternalUserId) return false;
  return true;
}

/** Amazon Chime's answer named this attendee neither created nor failed: say so rather than drop it. */
function unaccounted(ExternalUserId: string): AttendeeError {
  return {
    ExternalUserId,
    ErrorCode: 'ServiceFailureException',
    ErrorMessage: 'Amazon Chime did not report this attendee; retry to be sure',
  };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}
