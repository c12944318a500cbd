import * as vscode from 'vscode';
import { runSteps, type Answer, type Move, type StepPosition } from './steps.ts';

/*
 * A multi-step input owns its quick inputs from show to dispose, one on screen at a time. While a step
 * works before showing its own (reading the network, say), the last one stays up, busy and disabled,
 * rather than the window going blank; hiding it then ends the whole input.
 */

/** A quick pick or an input box. */
export type StepInput = vscode.QuickInput & {
  buttons: readonly vscode.QuickInputButton[];
  readonly onDidTriggerButton: vscode.Event<vscode.QuickInputButton>;
};

/** Where a step stands, and how it shows its question. */
export interface StepAt extends StepPosition {
  /**
   * Shows the step's input in place of the last one (with Back from step 2 on) and settles with what
   * the person did: Back and Escape settle it here, `wire` listens for the rest and calls `settle`.
   */
  ask<I extends StepInput, T>(input: I, wire: (settle: (answer: Answer<T>) => void) => void): Promise<Answer<T>>;
}

export type InputStep = (at: StepAt) => Promise<Move>;

/** Runs the steps in order, Back returning to the previous one; true when the last step was answered. */
export async function runInputSteps(steps: readonly InputStep[]): Promise<boolean> {
  const flow = new InputFlow();
  try {
    return await runSteps(steps.map((step) => (position: StepPosition) => flow.run(step, position)));
  } finally {
    flow.dispose();
  }
}

/** A list that stays open until the person dismisses it (a results list): one step that nothing answers. */
export async function showUntilHidden(input: StepInput): Promise<void> {
  await runInputSteps([(at) => at.ask(input, () => {}).then((answer) => answer.move)]);
}

/** A title-bar or item button: a codicon and its tooltip. */
export const button = (icon: string, tooltip: string): vscode.QuickInputButton => ({ iconPath: new vscode.ThemeIcon(icon), tooltip });

class InputFlow {
  private shown: StepInput | undefined;
  private whileBusy: vscode.Disposable | undefined;
  /** The person hid the input while a step was busy: the flow is over. */
  private ended = false;

  async run(step: InputStep, position: StepPosition): Promise<Move> {
    this.busy();
    const move = await step({ ...position, ask: (input, wire) => this.ask(input, position, wire) });
    return this.ended ? 'cancel' : move;
  }

  dispose(): void {
    this.whileBusy?.dispose();
    this.shown?.dispose();
  }

  private busy(): void {
    const input = this.shown;
    if (!input || this.whileBusy) return;
    input.busy = true;
    input.enabled = false;
    this.whileBusy = input.onDidHide(() => (this.ended = true));
  }

  private ask<I extends StepInput, T>(input: I, at: StepPosition, wire: (settle: (answer: Answer<T>) => void) => void): Promise<Answer<T>> {
    if (this.ended) {
      input.dispose();
      return Promise.resolve({ move: 'cancel' });
    }
    // A flow of one step shows no step count.
    input.step = at.totalSteps > 1 ? at.step : undefined;
    input.totalSteps = at.totalSteps > 1 ? at.totalSteps : undefined;
    input.ignoreFocusOut = true;
    if (at.step > 1) input.buttons = [vscode.QuickInputButtons.Back, ...input.buttons];
    return new Promise((settle) => {
      input.onDidTriggerButton((pressed) => pressed === vscode.QuickInputButtons.Back && settle({ move: 'back' }));
      input.onDidHide(() => settle({ move: 'cancel' }));
      wire(settle);
      this.show(input);
    });
  }

  private show(input: StepInput): void {
    this.whileBusy?.dispose();
    this.whileBusy = undefined;
    this.shown?.dispose();
    this.shown = input;
    input.show();
  }
}
