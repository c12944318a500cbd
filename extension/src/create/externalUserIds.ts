import { duplicateIndexes, ExternalUserIdSchema, LIMITS, parseSafely } from '../../../shared/index.ts';
import { plural } from '../plural.ts';

export type TypedIds = { ids: string[] } | { problem: string };

/** One entry and the separator after it: a quoted one (`"Smith, Ann"`, a quote inside doubled) or plain text. */
const ENTRY = /[ \t]*(?:"((?:[^"]|"")*)"[ \t]*|([^,\r\n]*))([,\r\n]|$)/y;

/**
 * Splits typed ExternalUserIds at commas and line breaks, trimming each and dropping empty ones. An ID
 * holding a comma (which the service allows) goes in double quotes, `"Smith, Ann"`, with a quote inside
 * it doubled; a quoted ID is kept exactly, spaces and all. Entries are named by position, never by value.
 */
export function splitExternalUserIds(text: string): TypedIds {
  const ids: string[] = [];
  ENTRY.lastIndex = 0;
  for (;;) {
    const [, quoted, plain = '', separator] = ENTRY.exec(text) ?? [];
    if (quoted !== undefined) ids.push(quoted.replaceAll('""', '"'));
    else if (plain.trim().startsWith('"')) {
      return { problem: `Attendee ${ids.length + 1} opens a quote: close it right after the ID, before the next comma ("Smith, Ann")` };
    } else if (plain.trim()) ids.push(plain.trim());
    if (!separator) return { ids };
  }
}

/** Why the typed text cannot be sent, or undefined. */
export function checkTypedExternalUserIds(text: string): string | undefined {
  const typed = splitExternalUserIds(text);
  return 'problem' in typed ? typed.problem : checkExternalUserIds(typed.ids);
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
