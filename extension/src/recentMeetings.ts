import type * as vscode from 'vscode';
import { forgetRecent, readRecent, rememberRecent } from './input/recentMeetings.ts';

const KEY = 'chimeAttendees.recentMeetingIds';

/** Meeting IDs used in this workspace, newest first. */
export interface RecentMeetings {
  list(): string[];
  remember(meetingId: string): Thenable<void>;
  forget(meetingId: string): Thenable<void>;
}

export function createRecentMeetings(state: vscode.Memento): RecentMeetings {
  const list = () => readRecent(state.get(KEY));
  return {
    list,
    remember: (meetingId) => state.update(KEY, rememberRecent(list(), meetingId)),
    forget: (meetingId) => state.update(KEY, forgetRecent(list(), meetingId)),
  };
}
