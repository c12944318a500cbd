import type { AttendeeError } from '../../../shared/index.ts';
import { plural } from '../plural.ts';
import type { Exchange, WorkerFailure } from './client.ts';

/* Parts of log lines: counts, codes, request IDs and timings, never who or what token. */

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
  if (exchange.upstreamAttempts) parts.push(plural(exchange.upstreamAttempts, 'upstream attempt'));
  if (exchange.serverTiming) parts.push(`server-timing ${exchange.serverTiming}`);
  return parts.join(', ');
}

export function failureLine(failure: WorkerFailure): string {
  switch (failure.kind) {
    case 'refused':
      return `refused: ${failure.code}${failure.issues?.length ? ` (${plural(failure.issues.length, 'issue')})` : ''}`;
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
