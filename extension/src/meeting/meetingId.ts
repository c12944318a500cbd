import { MeetingIdSchema, parseSafely } from '../../../shared/index.ts';

/** Why the text is not a meeting ID, or undefined when it is one (surrounding spaces are ignored). */
export function checkMeetingId(text: string): string | undefined {
  const result = parseSafely(MeetingIdSchema, text.trim());
  return result.success ? undefined : `This ${result.issues[0].message}`;
}

/**
 * A meeting ID handed to a command (by another command, or a keybinding's args), when it is one; from a
 * menu of the Meetings tree, the node the menu was opened on, which names its meeting.
 */
export function meetingIdArgument(value: unknown): string | undefined {
  const id = typeof value === 'object' && value !== null ? (value as { meetingId?: unknown }).meetingId : value;
  return typeof id === 'string' && !checkMeetingId(id) ? id.trim() : undefined;
}
