import type { RecentMeetings } from '../meeting/recentMeetings.ts';

/*
 * Every command that touches a meeting remembers it (or marks it ended, or forgets it) in the recent list:
 * watching the list is how the Meetings tree refreshes after each command, and only the meeting concerned.
 */

export type RecentChange = { kind: 'remembered' | 'ended' | 'forgotten'; meetingId: string };

export interface WatchedRecentMeetings {
  recent: RecentMeetings;
  /** Called after each change has been stored; returns a function that stops listening. */
  onChange(listener: (change: RecentChange) => void): () => void;
}

export function watchRecentMeetings(recent: RecentMeetings): WatchedRecentMeetings {
  const listeners = new Set<(change: RecentChange) => void>();
  const after = (kind: RecentChange['kind'], store: (meetingId: string) => Promise<void>) => async (meetingId: string) => {
    await store(meetingId);
    for (const listener of listeners) listener({ kind, meetingId });
  };
  return {
    recent: {
      ...recent,
      remember: after('remembered', recent.remember),
      markEnded: after('ended', recent.markEnded),
      forget: after('forgotten', recent.forget),
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
