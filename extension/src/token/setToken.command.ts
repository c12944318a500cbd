import * as vscode from 'vscode';
import type { Deps } from '../deps.ts';
import { withCancellableProgress } from '../ui/withCancellableProgress.ui.ts';
import { getToken } from '../worker/client.ts';
import { failureLine } from '../worker/logLines.ts';
import { tokenVerdict } from './tokenText.ts';

/** Checking a token is one quick call; a worker that takes longer is treated as not answering. */
const CHECK_TIMEOUT_MS = 10_000;

const SET_TOKEN = 'Set Worker Token';
const SAVE_ANYWAY = 'Save Anyway';

export function registerSetToken(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(vscode.commands.registerCommand('chimeAttendees.setToken', () => setToken(deps)));
}

/**
 * Asks for the token in a password box, asks the worker what it may do (`GET /token`), and keeps it in
 * SecretStorage: at once when the worker accepts it (saying what it may do), never when the worker
 * refuses it, and when the worker cannot tell only if the person says so. True when one was stored.
 */
async function setToken(deps: Deps): Promise<boolean> {
  const token = await askToken(deps);
  if (token === undefined) return false;
  const { workerUrl, timeoutSeconds } = deps.settings.current();
  const target = { baseUrl: workerUrl, token, timeoutMs: Math.min(timeoutSeconds * 1000, CHECK_TIMEOUT_MS) };
  const title = `Checking the token with the worker at ${workerUrl}…`;
  const result = await withCancellableProgress(title, (signal) => getToken(target, signal));
  const verdict = tokenVerdict(result, workerUrl);
  deps.log[result.ok ? 'info' : 'warn'](`worker token check: ${result.ok ? `token "${result.value.Name}"` : failureLine(result.failure)}`);
  switch (verdict.kind) {
    case 'cancelled':
      return false;
    case 'refused':
      return (await vscode.window.showErrorMessage(verdict.message, SET_TOKEN)) === SET_TOKEN && setToken(deps);
    case 'unchecked':
      if ((await vscode.window.showWarningMessage(verdict.message, { modal: true }, SAVE_ANYWAY)) !== SAVE_ANYWAY) return false;
      await store(deps, token);
      return true;
    case 'store':
      await store(deps, token);
      void vscode.window.showInformationMessage(verdict.message);
      return true;
  }
}

function askToken(deps: Deps): Thenable<string | undefined> {
  return vscode.window
    .showInputBox({
      title: 'Set Chime Worker Token',
      prompt: `The bearer token the worker at ${deps.settings.current().workerUrl} accepts; kept in VS Code's secret storage`,
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (/^\S+$/.test(value.trim()) ? undefined : 'Enter the token: one word, no spaces'),
    })
    .then((token) => token?.trim());
}

async function store(deps: Deps, token: string): Promise<void> {
  await deps.tokens.set(token);
  deps.log.info('worker token set');
  vscode.window.setStatusBarMessage('$(key) Chime worker token saved', 5000);
}
