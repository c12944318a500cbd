import * as vscode from 'vscode';
import type { Answer, StepPosition } from './steps.ts';

export interface PickQuestion<T extends vscode.QuickPickItem> {
  title: string;
  placeholder: string;
  items: readonly T[];
  active?: T | undefined;
}

/** One step as a fixed list to choose from, with Back from step 2 on. */
export function askPick<T extends vscode.QuickPickItem>(question: PickQuestion<T>, at: StepPosition): Promise<Answer<T>> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = question.title;
  pick.step = at.step;
  pick.totalSteps = at.totalSteps;
  pick.placeholder = question.placeholder;
  pick.items = question.items;
  if (question.active) pick.activeItems = [question.active];
  pick.ignoreFocusOut = true;
  pick.buttons = at.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  return new Promise((resolve) => {
    const finish = (answer: Answer<T>) => {
      resolve(answer);
      pick.dispose();
    };
    pick.onDidAccept(() => {
      const [chosen] = pick.selectedItems;
      if (chosen) finish({ move: 'next', value: chosen });
    });
    pick.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && finish({ move: 'back' }));
    pick.onDidHide(() => finish({ move: 'cancel' }));
    pick.show();
  });
}
