import type { ListedAttendee } from '../../../shared/index.ts';
import { describeCapabilities } from '../create/capabilityPresets.ts';
import type { RecentMeeting } from '../meeting/recentMeetings.ts';
import { slotsLine } from '../meeting/slots.ts';
import { slotsOf, type Snapshot } from './meetingSnapshot.ts';

/*
 * The Meetings tree's nodes as plain data: label, description, tooltip, icon and the contextValue the
 * menus of package.json select on. No vscode import; meetingsTree.ui.ts turns them into TreeItems.
 */

export type Node = { kind: 'meeting'; meetingId: string } | { kind: 'attendee'; meetingId: string; attendee: ListedAttendee } | { kind: 'note'; meetingId: string; text: string };

export interface ItemSpec {
  id: string;
  label: string;
  description?: string | undefined;
  tooltip: string;
  /** A codicon. */
  icon: string;
  /** `meeting.live`, `meeting.ended`, `meeting.unknown`, `attendee`, `note`: what the menus offer depends on it. */
  contextValue: string;
  expandable: boolean;
}

/** Copy Join Info's promise, in the attendee's tooltip and the README. */
export const JOIN_INFO_NOTE =
  'Copy Join Info creates this ExternalUserId again: ExternalUserId is an idempotency token, so the worker answers this same ' +
  "attendee with its JoinToken (the worker token needs the 'create' operation).";

/** `name`: the meeting's ExternalMeetingId when it was read while live, so an ended meeting keeps its name. */
export function meetingItem(entry: RecentMeeting, snapshot: Snapshot | undefined, name?: string): ItemSpec {
  const { meetingId } = entry;
  const base = { id: `meeting:${meetingId}`, label: meetingId };
  if (entry.ended || snapshot?.state === 'ended') {
    const tooltip = `Meeting ${meetingId} has ended: the worker answers that it is not found. Forget removes it from this list.`;
    return { ...base, label: name ?? meetingId, description: 'ended', tooltip, icon: 'circle-slash', contextValue: 'meeting.ended', expandable: false };
  }
  if (!snapshot || snapshot.state === 'unknown') {
    const problem = snapshot ? `Could not read it: ${snapshot.problem}` : 'Not read yet: Refresh reads it.';
    return { ...base, description: snapshot ? 'not read' : undefined, tooltip: `Meeting ${meetingId}\n${problem}`, icon: 'question', contextValue: 'meeting.unknown', expandable: false };
  }
  const { meeting } = snapshot;
  const label = meeting.ExternalMeetingId ?? meetingId;
  const slots = slotsOf(snapshot);
  const description = slots ? `live · ${slotsLine(slots.used, slots.capacity)}` : 'live';
  const lines = [`Meeting ${meetingId}`, meeting.ExternalMeetingId && `ExternalMeetingId ${meeting.ExternalMeetingId}`, `MediaRegion ${meeting.MediaRegion}`];
  if (slots) lines.push(`${slotsLine(slots.used, slots.capacity)}; each attendee holds a slot until it is deleted`);
  else if ('problem' in snapshot.attendees) lines.push(`Could not list the attendees: ${snapshot.attendees.problem}`);
  return { ...base, label, description, tooltip: lines.filter(Boolean).join('\n'), icon: 'broadcast', contextValue: 'meeting.live', expandable: true };
}

export function attendeeItem(meetingId: string, attendee: ListedAttendee): ItemSpec {
  const capabilities = attendee.Capabilities && describeCapabilities(attendee.Capabilities);
  const lines = [`ExternalUserId ${attendee.ExternalUserId}`, `AttendeeId ${attendee.AttendeeId}`, capabilities, '', JOIN_INFO_NOTE];
  return {
    id: `attendee:${meetingId}:${attendee.AttendeeId}`,
    label: attendee.ExternalUserId,
    description: capabilities,
    tooltip: lines.filter((line) => line !== undefined).join('\n'),
    icon: 'person',
    contextValue: 'attendee',
    expandable: false,
  };
}

export function noteItem(meetingId: string, text: string): ItemSpec {
  return { id: `note:${meetingId}:${text}`, label: text, tooltip: text, icon: 'info', contextValue: 'note', expandable: false };
}

/** A live meeting's children: its attendees, or a note saying why there are none to show. */
export function meetingChildren(meetingId: string, snapshot: Snapshot | undefined): Node[] {
  if (snapshot?.state !== 'live') return [];
  if ('problem' in snapshot.attendees) return [{ kind: 'note', meetingId, text: `Could not list the attendees: ${snapshot.attendees.problem}` }];
  if (snapshot.attendees.length === 0) return [{ kind: 'note', meetingId, text: 'No attendees hold a slot' }];
  return snapshot.attendees.map((attendee) => ({ kind: 'attendee', meetingId, attendee }));
}

/** The attendee node a command was given from the tree's menus. */
export function attendeeOfArgument(value: unknown): Extract<Node, { kind: 'attendee' }> | undefined {
  const node = value as Partial<Node> | undefined;
  return node?.kind === 'attendee' && typeof node.meetingId === 'string' && typeof node.attendee?.AttendeeId === 'string'
    ? (node as Extract<Node, { kind: 'attendee' }>)
    : undefined;
}
