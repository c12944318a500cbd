import type * as vscode from 'vscode';

/**
 * Replaces a quick pick's items only when they read differently. Each replacement makes new items
 * in the window, and an Enter pressed just before one arrives selects an item that no longer exists:
 * the accept then comes with no selection. Typing re-checks on every key, so this matters.
 */
export function setItems<T extends vscode.QuickPickItem>(pick: vscode.QuickPick<T>, items: T[]): void {
  const key = (list: readonly vscode.QuickPickItem[]) =>
    JSON.stringify(list.map(({ label, description, detail, alwaysShow, kind }) => [label, description, detail, alwaysShow, kind]));
  if (key(pick.items) !== key(items)) pick.items = items;
}
