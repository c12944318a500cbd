import { describe, expect, it } from 'vitest';
import { mapConcurrently } from '../../edge/concurrency.ts';

describe('mapConcurrently', () => {
  it('runs at most `limit` tasks at once and keeps the items’ order', async () => {
    let running = 0;
    let most = 0;
    const results = await mapConcurrently([50, 10, 30, 0, 20, 40, 5, 15], 3, async (ms) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return ms * 2;
    });
    expect(most).toBe(3);
    expect(results).toEqual([100, 20, 60, 0, 40, 80, 10, 30]);
  });

  it('answers nothing for nothing', async () => {
    expect(await mapConcurrently([], 6, async () => 1)).toEqual([]);
  });
});
