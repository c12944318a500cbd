import { ExternalUserIdPrefixSchema, parseSafely, type ListedAttendee } from '../../../shared/index.ts';

/** Why the text cannot be an ExternalUserId prefix to delete by (the contract's rule), or undefined. */
export function checkPrefix(text: string): string | undefined {
  const result = parseSafely(ExternalUserIdPrefixSchema, text);
  return result.success ? undefined : `A prefix ${result.issues[0].message}`;
}

/** The attendees a prefix selects: those whose ExternalUserId starts with it, case and all, as the worker selects them. */
export function selectByPrefix<T extends Pick<ListedAttendee, 'ExternalUserId'>>(attendees: readonly T[], prefix: string): T[] {
  return attendees.filter((attendee) => attendee.ExternalUserId.startsWith(prefix));
}

export interface PrefixSuggestion {
  prefix: string;
  count: number;
}

/**
 * Prefixes worth offering, from the numbered ExternalUserIds a meeting holds: `loadtest-17` and
 * `loadtest-18` suggest `loadtest-` (2). Most attendees first; names without a number suggest nothing.
 */
export function suggestPrefixes(attendees: readonly Pick<ListedAttendee, 'ExternalUserId'>[]): PrefixSuggestion[] {
  const counts = new Map<string, number>();
  for (const { ExternalUserId } of attendees) {
    const prefix = /^(.*?)\d+$/.exec(ExternalUserId)?.[1];
    if (prefix && !checkPrefix(prefix)) counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
  }
  return [...counts].map(([prefix, count]) => ({ prefix, count })).sort((a, b) => b.count - a.count || a.prefix.localeCompare(b.prefix));
}
