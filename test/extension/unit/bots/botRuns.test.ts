import { describe, expect, it } from 'vitest';
import { createBotRuns } from '../../../../extension/src/bots/botRuns.ts';
import type { BotRun, StopResult } from '../../../../extension/src/bots/runner.ts';
import type { BotStatus } from '../../../../extension/src/bots/states.ts';

const MEETING = 'meeting-1';
const bot = (state: BotStatus['state']): BotStatus => ({ id: 'id-1', externalUserId: 'bot-1', attendeeId: 'a-1', state });

/** A run whose bots settle when told; counts its stops. */
function fakeRun(bots: BotStatus[]) {
  let settle!: (bots: BotStatus[]) => void;
  const settled = new Promise<BotStatus[]>((resolve) => (settle = resolve));
  const counts = { stops: 0 };
  const run: BotRun = {
    bots: () => bots,
    settled,
    stop: async (): Promise<StopResult> => {
      counts.stops++;
      return { bots };
    },
  };
  return { run, settle, counts };
}

describe('the test bots the extension runs', () => {
  it('keeps each meeting’s bots as reported, and tells which meeting changed', () => {
    const runs = createBotRuns();
    const told: string[] = [];
    const stopListening = runs.onChange((meetingId) => told.push(meetingId));
    runs.track(MEETING, [bot('starting')]);
    runs.track(MEETING, [bot('signaling')]);
    expect(runs.bots(MEETING)).toEqual([bot('signaling')]);
    expect(runs.bots('other')).toEqual([]);
    expect(runs.meetings()).toEqual([MEETING]);
    stopListening();
    runs.track(MEETING, [bot('joined')]);
    expect(told).toEqual([MEETING, MEETING]);
  });

  it('stops a meeting’s run once however often asked, forgets its bots, and tells', async () => {
    const runs = createBotRuns();
    const { run, counts } = fakeRun([bot('joined')]);
    runs.track(MEETING, run.bots());
    runs.add(MEETING, run);
    const told: string[] = [];
    runs.onChange((meetingId) => told.push(meetingId));
    const [first, second] = await Promise.all([runs.stop(MEETING), runs.stop(MEETING)]);
    expect(first).toEqual({ bots: [bot('joined')] });
    expect(second).toBe(first);
    expect(counts.stops).toBe(1);
    expect(runs.bots(MEETING)).toEqual([]);
    expect(told).toEqual([MEETING]);
    expect(await runs.stop(MEETING)).toBeUndefined();
  });

  it('closes a run’s browsers once all its bots are over, and keeps their last states to show', async () => {
    const runs = createBotRuns();
    const { run, settle, counts } = fakeRun([bot('media-not-emulated')]);
    runs.track(MEETING, run.bots());
    runs.add(MEETING, run);
    expect(counts.stops).toBe(0);
    settle(run.bots());
    await run.settled;
    await Promise.resolve();
    expect(counts.stops).toBe(1);
    expect(runs.bots(MEETING)).toEqual([bot('media-not-emulated')]);
  });

  it('stops a run that was asked to stop while its browsers were starting, and ignores its late reports', async () => {
    const runs = createBotRuns();
    runs.track(MEETING, [bot('starting')]);
    expect(await runs.stop(MEETING)).toBeUndefined();
    const { run, counts } = fakeRun([bot('starting')]);
    runs.add(MEETING, run);
    expect(counts.stops).toBe(1);
  });

  it('stops every meeting’s run at once', async () => {
    const runs = createBotRuns();
    const one = fakeRun([bot('joined')]);
    const two = fakeRun([bot('signaling')]);
    for (const [meetingId, { run }] of [
      ['m-1', one],
      ['m-2', two],
    ] as const) {
      runs.track(meetingId, run.bots());
      runs.add(meetingId, run);
    }
    await runs.stopAll();
    expect([one.counts.stops, two.counts.stops]).toEqual([1, 1]);
    expect(runs.meetings()).toEqual([]);
  });
});
