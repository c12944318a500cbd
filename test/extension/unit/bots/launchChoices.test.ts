import { describe, expect, it } from 'vitest';
import {
  BOT_DURATIONS,
  checkBotCount,
  checkBotPrefix,
  mostBots,
  UNTIL_STOPPED_SECONDS,
} from '../../../../extension/src/bots/launchChoices.ts';
import { MAX_BOTS } from '../../../../extension/src/bots/runner.ts';

describe('what Launch Test Bots… asks', () => {
  it('bounds the count by the meeting’s free slots, and by what the runner runs', () => {
    expect(mostBots(12)).toBe(12);
    expect(mostBots(undefined)).toBe(MAX_BOTS);
    expect(mostBots(0)).toBe(0);
    expect(checkBotCount('12', 12, 12)).toBeUndefined();
    expect(checkBotCount(' 3 ', 12, 12)).toBeUndefined();
    expect(checkBotCount('13', 12, 12)).toBe('Type a whole number from 1 to 12 (the meeting has 12 slots free)');
    for (const bad of ['0', '-1', '2.5', 'ten', '']) expect(checkBotCount(bad, 12, 12)).toMatch(/^Type a whole number from 1 to 12/);
    expect(checkBotCount('251', MAX_BOTS, undefined)).toBe(`Type a whole number from 1 to ${MAX_BOTS}`);
  });

  it('takes a prefix that names every bot with a valid ExternalUserId', () => {
    expect(checkBotPrefix('bot-', 10)).toBeUndefined();
    expect(checkBotPrefix('', 10)).toMatch(/^Type a prefix/);
    expect(checkBotPrefix('x'.repeat(60), 250)).toBeUndefined();
    expect(checkBotPrefix('x'.repeat(61), 1)).toBe('Keep the prefix to 60 characters: an ExternalUserId is at most 64');
    expect(checkBotPrefix('bot<', 2)).toMatch(/^Attendee 1 may hold only/);
  });

  it('offers stays from a minute to until stopped (the runner’s longest, a day)', () => {
    expect(BOT_DURATIONS.map((duration) => duration.seconds)).toEqual([60, 300, 900, 3_600, UNTIL_STOPPED_SECONDS]);
    expect(BOT_DURATIONS.at(-1)?.label).toBe('Until stopped');
  });
});
