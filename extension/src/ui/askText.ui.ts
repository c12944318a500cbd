import * as vscode from 'vscode';
import type { StepAt } from './quickInput.ui.ts';
import type { Answer } from './steps.ts';

export interface TextQuestion {
  title: string;
  prompt: string;
  placeholder?: string;
  value?: string | undefined;
  /** Why the value cannot be accepted (shown as it is typed), or undefined. */
  check(value: string): string | undefined;
  /** What an acceptable value will do, added to the prompt as it is typed (`Makes loadtest-1, …`). */
  hint?(value: string): string;
}

/** One step as an input box: checked as typed, accepted only when the check passes. */
export function askText(question: TextQuestion, at: StepAt): Promise<Answer<string>> {
  const input = vscode.window.createInputBox();
  input.title = question.title;
  input.placeholder = question.placeholder;
  input.value = question.value ?? '';
  // A prefilled value is meant to be added to, so the cursor goes after it instead of selecting it.
  input.valueSelection = [input.value.length, input.value.length];
  const update = (value: string) => {
    input.validationMessage = question.check(value);
    input.prompt = question.hint && !input.validationMessage ? `${question.prompt}. ${question.hint(value)}` : question.prompt;
  };
  update(input.value);
  if (!input.value) input.validationMessage = undefined;
  return at.ask(input, (settle) => {
    input.onDidChangeValue(update);
    input.onDidAccept(() => {
      input.validationMessage = question.check(input.value);
      if (!input.validationMessage) settle({ move: 'next', value: input.value });
    });
  });
}
