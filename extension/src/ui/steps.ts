/*
 * A multi-step input as a list of steps: each asks one question, stores its answer, and says
 * where to go next. No vscode import, so the navigation is tested in plain Node.
 */

/** What the person did at a step: answered it, pressed Back, or dismissed the input. */
export type Move = 'next' | 'back' | 'cancel';

export type Answer<T> = { move: 'next'; value: T } | { move: 'back' | 'cancel' };

export interface StepPosition {
  step: number;
  totalSteps: number;
}

export type Step = (at: StepPosition) => Promise<Move>;

/** Runs the steps in order, Back returning to the previous one; true when the last step was answered. */
export async function runSteps(steps: readonly Step[]): Promise<boolean> {
  let index = 0;
  while (index < steps.length) {
    const move = await steps[index]!({ step: index + 1, totalSteps: steps.length });
    if (move === 'cancel') return false;
    index = move === 'back' ? Math.max(0, index - 1) : index + 1;
  }
  return true;
}

/** Stores a step's answer (when there is one) and passes its move on. */
export function keep<T>(store: (value: T) => void): (answer: Answer<T>) => Move {
  return (answer) => {
    if (answer.move === 'next') store(answer.value);
    return answer.move;
  };
}
