import type * as vscode from 'vscode';
import { forgetRecent, markEnded, readRecent, recentEntries, rememberRecent, type RecentMeeting } from './recentList.ts';

const KEY = 'chimeAttendees.recentMeetingIds';
/** Kept apart from the list, which older versions read and write as plain IDs. */
const ENDED_KEY = 'chimeAttendees.endedMeetingIds';

/** Meeting IDs used in this workspace, newest first, each marked when the worker found it ended. */
export interface RecentMeetings {
  list(): string[];
  entries(): RecentMeeting[];
  /** Remembers a meeting that answered: first in the list, no longer marked ended. */
  remember(meetingId: string): Thenable<void>;
  /** Marks a remembered meeting as ended (a 404); a meeting not in the list stays out of it. */
  markEnded(meetingId: string): Thenable<void>;
  forget(meetingId: string): Thenable<void>;
}

export function createRecentMeetings(state: vscode.Memento): RecentMeetings {
  const list = () => readRecent(state.get(KEY));
  const ended = () => readRecent(state.get(ENDED_KEY));
  const setEnded = (id: string, isEnded: boolean, recent = list()) => state.update(ENDED_KEY, markEnded(ended(), recent, id, isEnded));
  return {
    list,
    entries: () => recentEntries(list(), ended()),
    async remember(meetingId) {
      const recent = rememberRecent(list(), meetingId);
      await state.update(KEY, recent);
      await setEnded(meetingId, false, recent);
    },
    markEnded: (meetingId) => setEnded(meetingId, true),
    async forget(meetingId) {
      const recent = forgetRecent(list(), meetingId);
      await state.update(KEY, recent);
      await setEnded(meetingId, false, recent);
    },
  };
}
