import { MEETING_ID_PATTERN } from '../../../shared/index.ts';

/*
 * Meeting IDs used in this workspace, newest first, each marked when the worker found it ended. No
 * vscode import: the workspace's Memento is handed in.
 */

export const MAX_RECENT_MEETINGS = 10;
const KEY = 'chimeAttendees.recentMeetingIds';
/** Kept apart from the list, which older versions read and write as plain IDs. */
const ENDED_KEY = 'chimeAttendees.endedMeetingIds';

export interface RecentMeetings {
  list(): string[];
  entries(): RecentMeeting[];
  /** Remembers a meeting that answered: first in the list, no longer marked ended. */
  remember(meetingId: string): Promise<void>;
  /** Marks a remembered meeting as ended (a 404); a meeting not in the list stays out of it. */
  markEnded(meetingId: string): Promise<void>;
  forget(meetingId: string): Promise<void>;
}

/** What the list needs of VS Code's Memento (the workspace state). */
export interface Memento {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

export function createRecentMeetings(state: Memento): RecentMeetings {
  const list = () => readRecent(state.get(KEY));
  const ended = () => readRecent(state.get(ENDED_KEY));
  const setEnded = async (id: string, isEnded: boolean, recent = list()) => {
    await state.update(ENDED_KEY, markEnded(ended(), recent, id, isEnded));
  };
  const replace = async (recent: string[], id: string) => {
    await state.update(KEY, recent);
    await setEnded(id, false, recent);
  };
  return {
    list,
    entries: () => recentEntries(list(), ended()),
    remember: (meetingId) => replace(rememberRecent(list(), meetingId), meetingId),
    markEnded: (meetingId) => setEnded(meetingId, true),
    forget: (meetingId) => replace(forgetRecent(list(), meetingId), meetingId),
  };
}

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
