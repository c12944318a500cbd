import { LIMITS, type ListedAttendee } from '../../../shared/index.ts';
import { suggestPrefixes } from '../delete/prefix.ts';
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
  /** Listed attendees that look like test attendees (a numbered ExternalUserId): what Delete Test Attendees… offers by prefix. */
  testCount: number;
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
  const testCount = suggestPrefixes(listed).reduce((sum, { count }) => sum + count, 0);
  return { capacity, used, free, newCount, presentCount, testCount, fits: newCount <= free };
}

/** `12 of 250 slots used` */
export const slotsLine = (used: number, capacity: number = LIMITS.attendeesPerMeeting) => `${used} of ${plural(capacity, 'slot')} used`;

/** What a person may do when a request would not fit, the first being the one offered as primary. */
export type WontFitChoice = 'deleteFirst' | 'createFitting' | 'createAnyway';

/**
 * Deleting test attendees first leads only when the meeting holds some; creating the ones that fit is
 * offered whenever any do; creating anyway (the service creates what fits and fails the rest) always.
 */
export function wontFitChoices(check: SlotCheck): WontFitChoice[] {
  const fitting: WontFitChoice[] = check.free > 0 ? ['createFitting'] : [];
  return check.testCount > 0 ? ['deleteFirst', ...fitting, 'createAnyway'] : [...fitting, 'deleteFirst', 'createAnyway'];
}

/**
 * The plain words for a request that would not fit: `Meeting … has 240 of 250 slots used; 12 new
 * attendees would not fit (10 slots are free). Delete test attendees first?`
 */
export function wontFitMessage(meetingId: string, check: SlotCheck): string {
  const inIt = plural(check.presentCount, 'of those asked for is already in it and takes', 'of those asked for are already in it and take');
  const present = check.presentCount ? `; ${inIt} no new slot` : '';
  const free = `${plural(check.free, 'slot is', 'slots are')} free`;
  const wontFit = `${plural(check.newCount, 'new attendee')} would not fit (${free}${present})`;
  const question = check.testCount
    ? 'Delete test attendees first?'
    : `It holds no test attendees (numbered ExternalUserIds)${check.free ? `: create the ${check.free} that fit?` : '.'}`;
  return `Meeting ${meetingId} has ${slotsLine(check.used, check.capacity)}; ${wontFit}. ${question}`;
}

/** The requested ExternalUserIds that fit: those already in the meeting (they take no slot) and the first `free` new ones, in order. */
export function thatFit(requested: readonly string[], listed: readonly Pick<ListedAttendee, 'ExternalUserId'>[], free: number): string[] {
  const present = new Set(listed.map((attendee) => attendee.ExternalUserId));
  let room = free;
  return requested.filter((id) => present.has(id) || room-- > 0);
}

/** One log line: counts only, never who. */
export function slotsLogLine(check: SlotCheck): string {
  return `${slotsLine(check.used, check.capacity)}; asked for ${check.newCount} new, ${check.presentCount} already present`;
}
