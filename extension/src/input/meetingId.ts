import { MeetingIdSchema, parseSafely } from '../../../shared/index.ts';

/** Why the text is not a meeting ID, or undefined when it is one (surrounding spaces are ignored). */
export function checkMeetingId(text: string): string | undefined {
  const result = parseSafely(MeetingIdSchema, text.trim());
  return result.success ? undefined : `This ${result.issues[0].message}`;
}
