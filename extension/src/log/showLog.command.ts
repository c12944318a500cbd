import * as vscode from 'vscode';
import type { Deps } from '../deps.ts';

export function registerShowLog(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(vscode.commands.registerCommand('chimeAttendees.showLog', () => deps.showLog()));
}
