import type { ListedAttendee } from '../../../shared/index.ts';
import { MEDIA_NOT_EMULATED_TEXT, type BotState } from '../bots/protocol.ts';
import { stateText, type BotStatus } from '../bots/states.ts';
import { describeCapabilities } from '../create/capabilityPresets.ts';
import type { RecentMeeting } from '../meeting/recentMeetings.ts';
import { slotsLine } from '../meeting/slots.ts';
import { plural } from '../plural.ts';
import { slotsOf, type Snapshot } from './meetingSnapshot.ts';

/*
 * The Meetings tree's nodes as plain data: label, description, tooltip, icon and the contextValue the
 * menus of package.json select on. No vscode import; meetingsTree.ui.ts turns them into TreeItems.
 */

export type Node =
  | { kind: 'meeting'; meetingId: string }
  | { kind: 'attendee'; meetingId: string; attendee: ListedAttendee }
  | { kind: 'bot'; meetingId: string; bot: BotStatus }
  | { kind: 'note'; meetingId: string; text: string };

export interface ItemSpec {
  id: string;
  label: string;
  description?: string | undefined;
  tooltip: string;
  /** A codicon. */
  icon: string;
  /** `meeting.live`, `meeting.live.bots`, `meeting.ended`, `meeting.unknown`, `attendee`, `bot`, `note`: the menus select on it. */
  contextValue: string;
  expandable: boolean;
}

/** Copy Join Info's promise, in the attendee's tooltip and the README. */
export const JOIN_INFO_NOTE =
  'Copy Join Info creates this ExternalUserId again: ExternalUserId is an idempotency token, so the worker answers this same ' +
  "attendee with its JoinToken (the worker token needs the 'create' operation).";

/**
 * `name`: the meeting's ExternalMeetingId when it was read while live, so an ended meeting keeps its name.
 * `bots`: how many test bots the extension runs in it (a live meeting's menus then offer Stop Test Bots).
 */
export function meetingItem(entry: RecentMeeting, snapshot: Snapshot | undefined, name?: string, bots = 0): ItemSpec {
  const { meetingId } = entry;
  const base = { id: `meeting:${meetingId}`, label: meetingId };
  if (entry.ended || snapshot?.state === 'ended') {
    const tooltip = `Meeting ${meetingId} has ended: the worker answers that it is not found. Forget removes it from this list.`;
    return {
      ...base,
      label: name ?? meetingId,
      description: 'ended',
      tooltip,
      icon: 'circle-slash',
      contextValue: 'meeting.ended',
      expandable: false,
    };
  }
  if (!snapshot || snapshot.state === 'unknown') {
    const problem = snapshot ? `Could not read it: ${snapshot.problem}` : 'Not read yet: Refresh reads it.';
    return {
      ...base,
      description: snapshot ? 'not read' : undefined,
      tooltip: `Meeting ${meetingId}\n${problem}`,
      icon: 'question',
      contextValue: 'meeting.unknown',
      expandable: false,
    };
  }
  const { meeting } = snapshot;
  const label = meeting.ExternalMeetingId ?? meetingId;
  const slots = slotsOf(snapshot);
  const running = bots ? ` · ${plural(bots, 'test bot')}` : '';
  const description = `${slots ? `live · ${slotsLine(slots.used, slots.capacity)}` : 'live'}${running}`;
  const lines = [
    `Meeting ${meetingId}`,
    meeting.ExternalMeetingId && `ExternalMeetingId ${meeting.ExternalMeetingId}`,
    `MediaRegion ${meeting.MediaRegion}`,
  ];
  if (slots) lines.push(`${slotsLine(slots.used, slots.capacity)}; each attendee holds a slot until it is deleted`);
  else if ('problem' in snapshot.attendees) lines.push(`Could not list the attendees: ${snapshot.attendees.problem}`);
  return {
    ...base,
    label,
    description,
    tooltip: lines.filter(Boolean).join('\n'),
    icon: 'broadcast',
    contextValue: bots ? 'meeting.live.bots' : 'meeting.live',
    expandable: true,
  };
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

const BOT_ICONS: Record<BotState, string> = {
  starting: 'loading~spin',
  signaling: 'radio-tower',
  joined: 'pass',
  left: 'debug-disconnect',
  'media-not-emulated': 'info',
  failed: 'error',
};

/** What "signaling reached, media not emulated" means, in the bot's tooltip and the README. */
export const MEDIA_NOT_EMULATED_NOTE =
  'The local emulator accepted its JoinToken and read its JOIN on the signaling WebSocket; it has no media server, ' +
  'so no session starts there and the bot is never "joined". Against Amazon Chime the same bot joins.';

/** A test bot the extension runs, with its state as its runner last reported it. */
export function botItem(meetingId: string, bot: BotStatus): ItemSpec {
  const state = stateText(bot);
  const lines = [`Test bot ${bot.externalUserId}`, bot.attendeeId && `AttendeeId ${bot.attendeeId}`, state];
  if (bot.state === 'media-not-emulated') lines.push('', MEDIA_NOT_EMULATED_NOTE);
  const description = bot.state === 'media-not-emulated' ? MEDIA_NOT_EMULATED_TEXT : state;
  const tooltip = lines.filter((line) => line !== undefined).join('\n');
  return {
    id: `bot:${meetingId}:${bot.id}`,
    label: bot.externalUserId,
    description,
    tooltip,
    icon: BOT_ICONS[bot.state],
    contextValue: 'bot',
    expandable: false,
  };
}

export function noteItem(meetingId: string, text: string): ItemSpec {
  return { id: `note:${meetingId}:${text}`, label: text, tooltip: text, icon: 'info', contextValue: 'note', expandable: false };
}

/**
 * A live meeting's children: the test bots it runs first, each once (its attendee is not listed again), then its
 * other attendees, or a note saying why there are none to show.
 */
export function meetingChildren(meetingId: string, snapshot: Snapshot | undefined, bots: readonly BotStatus[] = []): Node[] {
  if (snapshot?.state !== 'live') return [];
  const botNodes = bots.map((bot): Node => ({ kind: 'bot', meetingId, bot }));
  if ('problem' in snapshot.attendees) {
    return [...botNodes, { kind: 'note', meetingId, text: `Could not list the attendees: ${snapshot.attendees.problem}` }];
  }
  const botAttendees = new Set(bots.map((bot) => bot.attendeeId));
  const others = snapshot.attendees.filter((attendee) => !botAttendees.has(attendee.AttendeeId));
  if (others.length === 0 && botNodes.length === 0) return [{ kind: 'note', meetingId, text: 'No attendees hold a slot' }];
  return [...botNodes, ...others.map((attendee): Node => ({ kind: 'attendee', meetingId, attendee }))];
}

/** The attendee node a command was given from the tree's menus. */
export function attendeeOfArgument(value: unknown): Extract<Node, { kind: 'attendee' }> | undefined {
  const node = value as Partial<Node> | undefined;
  return node?.kind === 'attendee' && typeof node.meetingId === 'string' && typeof node.attendee?.AttendeeId === 'string'
    ? (node as Extract<Node, { kind: 'attendee' }>)
    : undefined;
}
