import * as vscode from 'vscode';
import type { Deps } from '../deps.ts';

export function registerClearToken(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(vscode.commands.registerCommand('chimeAttendees.clearToken', () => clearToken(deps)));
}

async function clearToken(deps: Deps): Promise<void> {
  await deps.tokens.clear();
  deps.log.info('worker token cleared');
  vscode.window.setStatusBarMessage('$(key) Chime worker token cleared', 5000);
}
