import { MEETING_ID_PATTERN } from '../../../shared/index.ts';

export const MAX_RECENT_MEETINGS = 10;

/** The id first, without repeats, at most `max` long. */
export function rememberRecent(recent: readonly string[], id: string, max = MAX_RECENT_MEETINGS): string[] {
  return [id, ...recent.filter((other) => other.toLowerCase() !== id.toLowerCase())].slice(0, max);
}

export function forgetRecent(recent: readonly string[], id: string): string[] {
  return recent.filter((other) => other.toLowerCase() !== id.toLowerCase());
}

/** Whatever storage held, as a list of meeting IDs (storage may hold anything an older version wrote). */
export function readRecent(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter((id): id is string => typeof id === 'string' && MEETING_ID_PATTERN.test(id)).slice(0, MAX_RECENT_MEETINGS);
}
