import * as vscode from 'vscode';
import type { Deps } from '../deps.ts';

const FORGET = 'Forget Token';

export function registerClearToken(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(vscode.commands.registerCommand('chimeAttendees.clearToken', () => clearToken(deps)));
}

/** Forgets the token once the person confirms: every request after it is refused until one is set again. */
async function clearToken(deps: Deps): Promise<void> {
  if ((await deps.tokens.get()) === undefined) {
    vscode.window.setStatusBarMessage('$(key) No Chime worker token is set', 5000);
    return;
  }
  const question = `Forget the worker token? Requests to ${deps.settings.current().workerUrl} are refused until you set one again.`;
  if ((await vscode.window.showWarningMessage(question, { modal: true }, FORGET)) !== FORGET) return;
  await deps.tokens.clear();
  deps.log.info('worker token cleared');
  vscode.window.setStatusBarMessage('$(key) Chime worker token cleared', 5000);
}
