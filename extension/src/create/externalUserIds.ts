import { duplicateIndexes, ExternalUserIdSchema, LIMITS, parseSafely } from '../../../shared/index.ts';
import { plural } from '../plural.ts';

/**
 * Splits typed ExternalUserIds on commas and line breaks. Ids holding a comma (which the service
 * allows) cannot be entered this way; that is the price of a one-line input.
 */
export function splitExternalUserIds(text: string): string[] {
  return text
    .split(/[,\r\n]/)
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
}

/**
 * Why this list cannot be sent, naming entries by their 1-based position (never by value, since
 * ExternalUserIds may be personal), or undefined when every entry keeps the contract's rules.
 */
export function checkExternalUserIds(ids: readonly string[]): string | undefined {
  const max = LIMITS.attendeesPerMeeting;
  if (ids.length === 0) return 'Enter at least one ExternalUserId';
  if (ids.length > max) return `At most ${plural(max, 'attendee')} fit in a meeting (this is ${ids.length})`;
  for (const [index, id] of ids.entries()) {
    const result = parseSafely(ExternalUserIdSchema, id);
    if (!result.success) return `Attendee ${index + 1} ${result.issues[0].message}`;
  }
  const [repeat] = duplicateIndexes(ids);
  return repeat ? `Attendee ${repeat[0] + 1} repeats attendee ${repeat[1] + 1}` : undefined;
}
