import type { Attendee, AttendeeRequest, BatchCreateAttendeeResponse, Capabilities, ListedAttendee } from '../../../shared/index.ts';
import { describeCapabilities } from './capabilityPresets.ts';
import { plural } from '../plural.ts';
import type { WorkerResult } from '../worker/client.ts';
import { errorCounts, exchangeLine, failureLine } from '../worker/logLines.ts';

/** What the check before creating listed, by ExternalUserId: an attendee asked for again answers as it was. */
export type PresentAttendees = ReadonlyMap<string, ListedAttendee>;

/** `Created 3 attendees`, `Created 2 of 3 attendees (1 failed)`, `Created 1 of 2 attendees (1 already in the meeting)`. */
export function creationSummary({ Attendees, Errors }: BatchCreateAttendeeResponse, present: PresentAttendees = new Map()): string {
  const already = Attendees.filter((attendee) => present.has(attendee.ExternalUserId)).length;
  const total = plural(Attendees.length + Errors.length, 'attendee');
  const rest = [already && `${already} already in the meeting`, Errors.length && `${Errors.length} failed`].filter(Boolean).join(', ');
  return rest ? `Created ${Attendees.length - already} of ${total} (${rest})` : `Created ${total}`;
}

/** Absent Capabilities are the service's default. */
const ALL_SEND_RECEIVE: Capabilities = { Audio: 'SendReceive', Video: 'SendReceive', Content: 'SendReceive' };

/**
 * For an attendee that was already in the meeting: its capabilities as they are (asking again changes
 * nothing), and those asked for when they differ. Undefined for the legacy API, which has none.
 */
export function presentDetail(attendee: Attendee, listed: ListedAttendee, requested: AttendeeRequest | undefined): string {
  const capabilities = attendee.Capabilities ?? listed.Capabilities;
  if (!capabilities) return 'Already in the meeting: answered as it was';
  const asIs = describeCapabilities(capabilities);
  const asked = requested && describeCapabilities(requested.Capabilities ?? ALL_SEND_RECEIVE);
  return `Already in the meeting, kept as it was: ${asIs}${asked && asked !== asIs ? ` (not the ${asked} asked for)` : ''}`;
}

/** One log line for a request's outcome: counts, codes, request ID and timing, never who or what token. */
export function outcomeLine(result: WorkerResult<BatchCreateAttendeeResponse>): string {
  const timing = result.exchange ? ` (${exchangeLine(result.exchange)})` : '';
  if (!result.ok) return `${failureLine(result.failure)}${timing}`;
  const { Attendees, Errors } = result.value;
  const codes = Errors.length ? ` [${errorCounts(Errors)}]` : '';
  return `created ${Attendees.length}, failed ${Errors.length}${codes}${timing}`;
}
