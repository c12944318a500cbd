import * as vscode from 'vscode';
import type { StepAt } from './quickInput.ui.ts';
import type { Answer } from './steps.ts';

export interface PickQuestion<T extends vscode.QuickPickItem> {
  title: string;
  placeholder: string;
  items: readonly T[];
  active?: T | undefined;
}

/** One step as a fixed list to choose from. */
export function askPick<T extends vscode.QuickPickItem>(question: PickQuestion<T>, at: StepAt): Promise<Answer<T>> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = question.title;
  pick.placeholder = question.placeholder;
  pick.items = question.items;
  if (question.active) pick.activeItems = [question.active];
  return at.ask(pick, (settle) =>
    pick.onDidAccept(() => {
      const [chosen] = pick.selectedItems;
      if (chosen) settle({ move: 'next', value: chosen });
    }),
  );
}
