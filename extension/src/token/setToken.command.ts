import * as vscode from 'vscode';
import type { Deps } from '../deps.ts';

export function registerSetToken(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(vscode.commands.registerCommand('chimeAttendees.setToken', () => setToken(deps)));
}

/** Asks for the token in a password box and keeps it in SecretStorage; true when one was stored. */
async function setToken(deps: Deps): Promise<boolean> {
  const token = await vscode.window.showInputBox({
    title: 'Set Chime Worker Token',
    prompt: `The bearer token the worker at ${deps.settings.current().workerUrl} accepts; kept in VS Code's secret storage`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (/^\S+$/.test(value.trim()) ? undefined : 'Enter the token: one word, no spaces'),
  });
  if (token === undefined) return false;
  await deps.tokens.set(token.trim());
  deps.log.info('worker token set');
  vscode.window.setStatusBarMessage('$(key) Chime worker token saved', 5000);
  return true;
}
