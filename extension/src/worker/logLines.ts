import type { AttendeeError, BatchCreateAttendeeResponse } from '../../../shared/index.ts';
import type { Exchange, WorkerFailure, WorkerResult } from './client.ts';

/** `Created 3 attendees`, or `Created 2 of 3 attendees (1 failed)`. */
export function creationSummary({ Attendees, Errors }: BatchCreateAttendeeResponse): string {
  const total = Attendees.length + Errors.length;
  const noun = total === 1 ? 'attendee' : 'attendees';
  return Errors.length === 0 ? `Created ${total} ${noun}` : `Created ${Attendees.length} of ${total} ${noun} (${Errors.length} failed)`;
}

/** `ThrottlingException×2, LimitExceededException×1`: per-attendee errors by code, with no ExternalUserIds. */
export function errorCounts(errors: readonly Pick<AttendeeError, 'ErrorCode'>[]): string {
  const counts = new Map<string, number>();
  for (const error of errors) counts.set(error.ErrorCode, (counts.get(error.ErrorCode) ?? 0) + 1);
  return [...counts].map(([code, count]) => `${code}×${count}`).join(', ');
}

/** `HTTP 200 in 120 ms, request abc, 1 upstream attempt, server-timing upstream;dur=80`. */
export function exchangeLine(exchange: Exchange): string {
  const parts = [`HTTP ${exchange.status} in ${exchange.elapsedMs} ms`];
  if (exchange.requestId) parts.push(`request ${exchange.requestId}`);
  if (exchange.upstreamAttempts) parts.push(`${exchange.upstreamAttempts} upstream attempt${exchange.upstreamAttempts === 1 ? '' : 's'}`);
  if (exchange.serverTiming) parts.push(`server-timing ${exchange.serverTiming}`);
  return parts.join(', ');
}

/** One log line for a request's outcome: counts, codes, request ID and timing, never who or what token. */
export function outcomeLine(result: WorkerResult<BatchCreateAttendeeResponse>): string {
  const timing = result.exchange ? ` (${exchangeLine(result.exchange)})` : '';
  if (!result.ok) return `${failureLine(result.failure)}${timing}`;
  const { Attendees, Errors } = result.value;
  const codes = Errors.length ? ` [${errorCounts(Errors)}]` : '';
  return `created ${Attendees.length}, failed ${Errors.length}${codes}${timing}`;
}

export function failureLine(failure: WorkerFailure): string {
  switch (failure.kind) {
    case 'refused':
      return `refused: ${failure.code}${failure.issues?.length ? ` (${failure.issues.length} issues)` : ''}`;
    case 'unexpected':
      return `unexpected answer: ${failure.detail}`;
    case 'network':
      return `network error: ${failure.detail}`;
    case 'timeout':
      return `timed out after ${failure.timeoutMs} ms`;
    case 'cancelled':
      return 'cancelled';
  }
}
