import * as vscode from 'vscode';
import type { Answer, StepPosition } from './steps.ts';

export interface TextQuestion {
  title: string;
  prompt: string;
  placeholder?: string;
  value?: string | undefined;
  /** Why the value cannot be accepted (shown as it is typed), or undefined. */
  check(value: string): string | undefined;
}

/** One step as an input box: checked as typed, accepted only when the check passes, Back from step 2 on. */
export function askText(question: TextQuestion, at: StepPosition): Promise<Answer<string>> {
  const input = vscode.window.createInputBox();
  input.title = question.title;
  input.step = at.step;
  input.totalSteps = at.totalSteps;
  input.prompt = question.prompt;
  input.placeholder = question.placeholder;
  input.value = question.value ?? '';
  // A prefilled value is meant to be added to, so the cursor goes after it instead of selecting it.
  input.valueSelection = [input.value.length, input.value.length];
  input.validationMessage = input.value ? question.check(input.value) : undefined;
  input.ignoreFocusOut = true;
  input.buttons = at.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  return new Promise((resolve) => {
    const finish = (answer: Answer<string>) => {
      resolve(answer);
      input.dispose();
    };
    input.onDidChangeValue((value) => (input.validationMessage = question.check(value)));
    input.onDidAccept(() => {
      input.validationMessage = question.check(input.value);
      if (!input.validationMessage) finish({ move: 'next', value: input.value });
    });
    input.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && finish({ move: 'back' }));
    input.onDidHide(() => finish({ move: 'cancel' }));
    input.show();
  });
}
