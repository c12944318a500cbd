import { plural } from '../plural.ts';
import { errorCounts } from '../worker/logLines.ts';
import type { DeletionOutcome } from './batches.ts';

const attendees = (count: number) => plural(count, 'attendee');

/** `Deleted 12 attendees`, `Deleted 10 of 12 attendees (2 failed)`, `Deleted 25 of 100 attendees (75 not attempted)`. */
export function deletionSummary({ Deleted, Errors, notAttempted }: DeletionOutcome): string {
  const total = Deleted.length + Errors.length + notAttempted.length;
  if (total === 0) return 'Deleted no attendees: none was selected';
  if (total === Deleted.length) return `Deleted ${attendees(total)}`;
  const rest = [Errors.length && `${Errors.length} failed`, notAttempted.length && `${notAttempted.length} not attempted`]
    .filter(Boolean)
    .join(', ');
  return `Deleted ${Deleted.length} of ${attendees(total)} (${rest})`;
}

/** The confirmation, saying how many and which: `Delete 12 attendees from meeting …?` */
export function confirmDeletionMessage(
  meetingId: string,
  count: number | undefined,
  selection: { prefix: string } | { picked: true },
): string {
  const which = 'prefix' in selection ? `whose ExternalUserId starts with "${selection.prefix}"` : 'you picked';
  const unknown = 'the token may not list the meeting, so how many is not known';
  const how = count === undefined ? `every attendee ${which} (${unknown})` : `${attendees(count)} ${which}`;
  return `Delete ${how} from meeting ${meetingId}? Each frees its slot; anyone joined as one of them is removed from the meeting.`;
}

/** One log line: counts and error codes, never who. */
export function deletionLogLine(outcome: DeletionOutcome): string {
  const codes = outcome.Errors.length ? ` [${errorCounts(outcome.Errors)}]` : '';
  return `deleted ${outcome.Deleted.length}, failed ${outcome.Errors.length}${codes}, not attempted ${outcome.notAttempted.length}`;
}

export interface DeletionRow {
  separator?: true;
  label: string;
  description?: string | undefined;
  detail?: string | undefined;
  attendeeId?: string;
}

/** The results list: deleted, failed (with code and message), not attempted (with why), in that order. */
export function deletionRows(outcome: DeletionOutcome, stoppedBecause?: string): DeletionRow[] {
  const section = (label: string, rows: DeletionRow[]): DeletionRow[] =>
    rows.length ? [{ separator: true, label: `${label} (${rows.length})` }, ...rows] : [];
  const deleted = outcome.Deleted.map(({ AttendeeId, ExternalUserId }): DeletionRow => {
    return { label: `$(trash) ${ExternalUserId}`, description: AttendeeId, attendeeId: AttendeeId };
  });
  const failed = outcome.Errors.map(({ AttendeeId, ExternalUserId, ErrorCode, ErrorMessage }): DeletionRow => {
    return { label: `$(error) ${ExternalUserId ?? AttendeeId}`, description: ErrorCode, detail: ErrorMessage, attendeeId: AttendeeId };
  });
  const notAttempted = outcome.notAttempted.map(({ AttendeeId, ExternalUserId }): DeletionRow => {
    return { label: `$(circle-slash) ${ExternalUserId}`, description: AttendeeId, detail: stoppedBecause, attendeeId: AttendeeId };
  });
  return [...section('Deleted', deleted), ...section('Failed', failed), ...section('Not attempted', notAttempted)];
}
