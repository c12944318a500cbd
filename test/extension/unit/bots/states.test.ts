import { describe, expect, it } from 'vitest';
import {
  applyReport,
  countStates,
  describeBot,
  failUnlessOver,
  intoBrowsers,
  parseReport,
  type BotStatus,
} from '../../../../extension/src/bots/states.ts';

const bot = (state: BotStatus['state'], detail?: string): BotStatus => ({
  id: 'id',
  externalUserId: 'bot-1',
  state,
  ...(detail ? { detail } : {}),
});

describe('a bot’s state', () => {
  it('moves forward with its page’s reports and never back', () => {
    let current = bot('starting');
    for (const state of ['signaling', 'joined', 'signaling', 'starting'] as const) current = applyReport(current, { state });
    expect(current.state).toBe('joined');
    expect(applyReport(current, { state: 'left', detail: 'Left' })).toMatchObject({ state: 'left', detail: 'Left' });
  });

  it('stays over once over, whatever comes later', () => {
    for (const over of ['left', 'media-not-emulated', 'failed'] as const) {
      expect(applyReport(bot(over), { state: 'joined' }).state).toBe(over);
      expect(failUnlessOver(bot(over), 'its browser exited').state).toBe(over);
    }
    expect(failUnlessOver(bot('joined'), 'its browser exited')).toMatchObject({ state: 'failed', detail: 'its browser exited' });
  });

  it('takes only well-formed reports from a page, with a bounded detail', () => {
    expect(parseReport({ state: 'joined' })).toEqual({ state: 'joined' });
    expect(parseReport({ state: 'failed', detail: 'x'.repeat(2_000) })?.detail).toHaveLength(500);
    for (const bad of [null, 'joined', { state: 'dancing' }, { state: 'failed', detail: 4 }, {}]) expect(parseReport(bad)).toBeUndefined();
  });

  it('says plainly when signaling was reached but media is not emulated, never that the bot joined', () => {
    const notEmulated = bot('media-not-emulated', 'signaling reached, media not emulated');
    expect(describeBot(notEmulated)).toBe('bot-1 signaling reached, media not emulated');
    expect(describeBot(bot('failed', 'SignalingBadRequest'))).toBe('bot-1 failed: SignalingBadRequest');
    expect(describeBot(bot('joined'))).toBe('bot-1 joined');
  });
});

describe('tabs per browser', () => {
  it('puts at most that many bots in each browser, in order', () => {
    expect(intoBrowsers([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(intoBrowsers([1, 2], 10)).toEqual([[1, 2]]);
    expect(intoBrowsers([], 3)).toEqual([]);
  });

  it('refuses a bound that is not a whole number of at least 1', () => {
    for (const bound of [0, -1, 1.5, Number.NaN]) expect(() => intoBrowsers([1], bound)).toThrow(/tabsPerBrowser/);
  });

  it('counts the bots by state for the log, naming none', () => {
    const bots = [bot('media-not-emulated'), bot('failed', 'its browser exited'), bot('media-not-emulated')];
    expect(countStates(bots)).toBe('2 signaling reached, media not emulated, 1 failed');
    expect(countStates(bots)).not.toContain('bot-1');
  });
});
