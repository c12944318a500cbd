import type { BatchCreateAttendeeResponse } from '../../../shared/index.ts';
import { plural } from '../plural.ts';
import type { WorkerResult } from '../worker/client.ts';
import { errorCounts, exchangeLine, failureLine } from '../worker/logLines.ts';

/** `Created 3 attendees`, or `Created 2 of 3 attendees (1 failed)`. */
export function creationSummary({ Attendees, Errors }: BatchCreateAttendeeResponse): string {
  const total = plural(Attendees.length + Errors.length, 'attendee');
  return Errors.length === 0 ? `Created ${total}` : `Created ${Attendees.length} of ${total} (${Errors.length} failed)`;
}

/** One log line for a request's outcome: counts, codes, request ID and timing, never who or what token. */
export function outcomeLine(result: WorkerResult<BatchCreateAttendeeResponse>): string {
  const timing = result.exchange ? ` (${exchangeLine(result.exchange)})` : '';
  if (!result.ok) return `${failureLine(result.failure)}${timing}`;
  const { Attendees, Errors } = result.value;
  const codes = Errors.length ? ` [${errorCounts(Errors)}]` : '';
  return `created ${Attendees.length}, failed ${Errors.length}${codes}${timing}`;
}
