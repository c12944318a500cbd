import { LIMITS, type ListedAttendee } from '../../../shared/index.ts';
import { plural } from '../plural.ts';

/*
 * A meeting's 250 slots: each attendee holds one until it is deleted, even after it has left. Asking
 * for an ExternalUserId that is already in the meeting answers that attendee and takes no new slot.
 */

export interface SlotCheck {
  capacity: number;
  /** Attendees the listing showed (a token limited to prefixes sees only its own, so at least this many). */
  used: number;
  free: number;
  /** Requested ExternalUserIds that are not in the meeting yet: each needs a slot. */
  newCount: number;
  /** Requested ExternalUserIds already in the meeting: answered as they are, no slot taken. */
  presentCount: number;
  fits: boolean;
}

export function checkSlots(
  listed: readonly Pick<ListedAttendee, 'ExternalUserId'>[],
  requested: readonly string[],
  capacity: number = LIMITS.attendeesPerMeeting,
): SlotCheck {
  const present = new Set(listed.map((attendee) => attendee.ExternalUserId));
  const presentCount = new Set(requested.filter((id) => present.has(id))).size;
  const newCount = new Set(requested).size - presentCount;
  const used = listed.length;
  const free = Math.max(0, capacity - used);
  return { capacity, used, free, newCount, presentCount, fits: newCount <= free };
}

/** `12 of 250 slots used` */
export const slotsLine = (used: number, capacity: number = LIMITS.attendeesPerMeeting) => `${used} of ${plural(capacity, 'slot')} used`;

/**
 * The plain words for a request that would not fit: `Meeting … has 240 of 250 slots used; 12 new
 * attendees would not fit (10 slots are free). Delete test attendees first?`
 */
export function wontFitMessage(meetingId: string, check: SlotCheck): string {
  const inIt = plural(check.presentCount, 'of those asked for is already in it and takes', 'of those asked for are already in it and take');
  const present = check.presentCount ? `; ${inIt} no new slot` : '';
  const free = `${plural(check.free, 'slot is', 'slots are')} free`;
  const wontFit = `${plural(check.newCount, 'new attendee')} would not fit (${free}${present})`;
  return `Meeting ${meetingId} has ${slotsLine(check.used, check.capacity)}; ${wontFit}. Delete test attendees first?`;
}

/** One log line: counts only, never who. */
export function slotsLogLine(check: SlotCheck): string {
  return `${slotsLine(check.used, check.capacity)}; asked for ${check.newCount} new, ${check.presentCount} already present`;
}
