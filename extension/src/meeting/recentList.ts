import { MEETING_ID_PATTERN } from '../../../shared/index.ts';

export const MAX_RECENT_MEETINGS = 10;

/** A meeting used in this workspace; `ended` once the worker answered that it was not found. */
export interface RecentMeeting {
  meetingId: string;
  ended: boolean;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The id first, without repeats, at most `max` long. */
export function rememberRecent(recent: readonly string[], id: string, max = MAX_RECENT_MEETINGS): string[] {
  return [id, ...recent.filter((other) => !same(other, id))].slice(0, max);
}

export function forgetRecent(recent: readonly string[], id: string): string[] {
  return recent.filter((other) => !same(other, id));
}

/** Whatever storage held, as a list of meeting IDs (storage may hold anything an older version wrote). */
export function readRecent(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter((id): id is string => typeof id === 'string' && MEETING_ID_PATTERN.test(id)).slice(0, MAX_RECENT_MEETINGS);
}

/**
 * The ended marks after a meeting was found ended (or live again): only meetings still in the recent
 * list keep a mark, so a mistyped ID that was never remembered is never added by failing.
 */
export function markEnded(ended: readonly string[], recent: readonly string[], id: string, isEnded: boolean): string[] {
  const others = ended.filter((other) => !same(other, id) && recent.some((r) => same(r, other)));
  return isEnded && recent.some((r) => same(r, id)) ? [...others, id] : others;
}

/** The recent list with each meeting's ended mark. */
export function recentEntries(recent: readonly string[], ended: readonly string[]): RecentMeeting[] {
  return recent.map((meetingId) => ({ meetingId, ended: ended.some((other) => same(other, meetingId)) }));
}
