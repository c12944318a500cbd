import { describe, expect, it } from 'vitest';
import { keep, runSteps, type Move, type StepPosition } from '../../../extension/src/ui/steps.ts';

/** Steps that answer from a script and record where they were asked. */
function scripted(moves: Move[]) {
  const asked: string[] = [];
  const step = (name: string) => async (at: StepPosition) => {
    asked.push(`${name} ${at.step}/${at.totalSteps}`);
    return moves.shift() ?? 'cancel';
  };
  return { asked, steps: [step('a'), step('b'), step('c')] };
}

describe('runSteps', () => {
  it('asks each step once, numbered, when all are answered', async () => {
    const { asked, steps } = scripted(['next', 'next', 'next']);
    expect(await runSteps(steps)).toBe(true);
    expect(asked).toEqual(['a 1/3', 'b 2/3', 'c 3/3']);
  });

  it('goes back a step on Back, and never before the first', async () => {
    const { asked, steps } = scripted(['back', 'next', 'back', 'next', 'next', 'next']);
    expect(await runSteps(steps)).toBe(true);
    expect(asked).toEqual(['a 1/3', 'a 1/3', 'b 2/3', 'a 1/3', 'b 2/3', 'c 3/3']);
  });

  it('stops at once when dismissed', async () => {
    const { asked, steps } = scripted(['next', 'cancel']);
    expect(await runSteps(steps)).toBe(false);
    expect(asked).toEqual(['a 1/3', 'b 2/3']);
  });
});

describe('keep', () => {
  it('stores an answer and passes its move on; Back and cancel store nothing', () => {
    const stored: string[] = [];
    const store = keep<string>((value) => stored.push(value));
    expect(store({ move: 'next', value: 'x' })).toBe('next');
    expect(store({ move: 'back' })).toBe('back');
    expect(store({ move: 'cancel' })).toBe('cancel');
    expect(stored).toEqual(['x']);
  });
});
