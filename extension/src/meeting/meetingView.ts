import { LIMITS, type ListedAttendee, type Meeting } from '../../../shared/index.ts';
import { describeCapabilities } from '../create/capabilityPresets.ts';
import { arnRegion } from './joinInfo.ts';
import { slotsLine } from './slots.ts';

/** A row of Show Meeting's list; `copy` is what Enter copies (and the row's first copy button). */
export interface MeetingRow {
  separator?: true;
  label: string;
  description?: string | undefined;
  detail?: string | undefined;
  copy?: { text: string; what: string };
  attendee?: ListedAttendee;
}

/** `Meeting … · 12 of 250 slots used`, or without the count when the attendees could not be listed. */
export function meetingTitle(meetingId: string, attendees: readonly ListedAttendee[] | undefined): string {
  return attendees ? `Meeting ${meetingId}: ${slotsLine(attendees.length)}` : `Meeting ${meetingId}`;
}

/**
 * The meeting's facts, then its attendees (or why they could not be listed). A token limited to
 * ExternalUserId prefixes sees only its own attendees, so the count is of those.
 */
export function meetingRows(meeting: Meeting, attendees: readonly ListedAttendee[] | { problem: string }): MeetingRow[] {
  const region = arnRegion(meeting.MeetingArn);
  const fact = (icon: string, name: string, value: string | undefined): MeetingRow[] =>
    value ? [{ label: `$(${icon}) ${name}`, description: value, copy: { text: value, what: `the ${name}` } }] : [];
  const rows: MeetingRow[] = [
    { separator: true, label: 'Meeting' },
    ...fact('symbol-key', 'MeetingId', meeting.MeetingId),
    ...fact('link', 'ExternalMeetingId', meeting.ExternalMeetingId),
    ...fact('globe', 'MediaRegion', meeting.MediaRegion),
    ...(region && region !== meeting.MediaRegion ? fact('server', 'Region', region) : []),
    ...fact('account', 'MeetingHostId', meeting.MeetingHostId),
  ];
  if ('problem' in attendees) {
    const problem: MeetingRow = { label: '$(warning) Could not list the attendees', detail: attendees.problem };
    return [...rows, { separator: true, label: 'Attendees' }, problem];
  }
  const capacity = LIMITS.attendeesPerMeeting;
  const free = Math.max(0, capacity - attendees.length);
  rows.push({ label: '$(organization) Slots', description: `${slotsLine(attendees.length, capacity)}, ${free} free` });
  rows.push({ separator: true, label: `Attendees (${attendees.length})` });
  for (const attendee of attendees) {
    rows.push({
      label: `$(person) ${attendee.ExternalUserId}`,
      description: attendee.AttendeeId,
      detail: attendee.Capabilities && describeCapabilities(attendee.Capabilities),
      copy: { text: attendee.AttendeeId, what: `the AttendeeId of ${attendee.ExternalUserId}` },
      attendee,
    });
  }
  if (attendees.length === 0) rows.push({ label: '$(info) No attendees hold a slot' });
  return rows;
}
