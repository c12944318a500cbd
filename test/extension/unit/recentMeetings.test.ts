import { describe, expect, it } from 'vitest';
import {
  createRecentMeetings,
  forgetRecent,
  markEnded,
  MAX_RECENT_MEETINGS,
  readRecent,
  recentEntries,
  rememberRecent,
  type Memento,
} from '../../../extension/src/meeting/recentMeetings.ts';

const id = (n: number) => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;

describe('recent meetings', () => {
  it('puts the latest first without repeating it (whatever its case)', () => {
    expect(rememberRecent([id(1), id(2)], id(2))).toEqual([id(2), id(1)]);
    expect(rememberRecent([id(1).toUpperCase()], id(1))).toEqual([id(1)]);
  });

  it('keeps only the newest few', () => {
    const many = Array.from({ length: MAX_RECENT_MEETINGS }, (_, i) => id(i));
    expect(rememberRecent(many, id(99))).toEqual([id(99), ...many.slice(0, MAX_RECENT_MEETINGS - 1)]);
  });

  it('forgets a meeting', () => {
    expect(forgetRecent([id(1), id(2)], id(1))).toEqual([id(2)]);
  });

  it('reads only meeting IDs from storage', () => {
    expect(readRecent(undefined)).toEqual([]);
    expect(readRecent('nope')).toEqual([]);
    expect(readRecent([id(1), 42, 'not-an-id', id(2)])).toEqual([id(1), id(2)]);
  });
});

describe('ended meetings', () => {
  it('are marked only while in the recent list, and unmarked when live again', () => {
    expect(markEnded([], [id(1), id(2)], id(2), true)).toEqual([id(2)]);
    expect(markEnded([id(2)], [id(1), id(2)], id(2).toUpperCase(), false)).toEqual([]);
    // A meeting never remembered (a mistyped ID) is not added by failing.
    expect(markEnded([], [id(1)], id(9), true)).toEqual([]);
  });

  it('lose their mark once forgotten', () => {
    expect(markEnded([id(1), id(2)], [id(2)], id(2), true)).toEqual([id(2)]);
  });

  it('show in the recent list', () => {
    expect(recentEntries([id(1), id(2)], [id(2)])).toEqual([
      { meetingId: id(1), ended: false },
      { meetingId: id(2), ended: true },
    ]);
  });
});

describe('the recent meetings store', () => {
  const memento = (stored: Record<string, unknown> = {}): Memento & { stored: Record<string, unknown> } => ({
    stored,
    get: (key) => stored[key],
    update: async (key, value) => void (stored[key] = value),
  });

  it('remembers, marks ended, revives and forgets, in workspace state an older version can read', async () => {
    const state = memento({ 'chimeAttendees.recentMeetingIds': [id(1)] });
    const recent = createRecentMeetings(state);
    await recent.remember(id(2));
    await recent.markEnded(id(1));
    expect(recent.entries()).toEqual([
      { meetingId: id(2), ended: false },
      { meetingId: id(1), ended: true },
    ]);
    expect(state.stored['chimeAttendees.recentMeetingIds']).toEqual([id(2), id(1)]);

    await recent.remember(id(1));
    expect(recent.entries()).toEqual([
      { meetingId: id(1), ended: false },
      { meetingId: id(2), ended: false },
    ]);
    await recent.markEnded(id(2));
    await recent.forget(id(2));
    expect(recent.list()).toEqual([id(1)]);
    expect(state.stored['chimeAttendees.endedMeetingIds']).toEqual([]);
  });
});
