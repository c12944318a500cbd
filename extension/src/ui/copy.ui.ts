import * as vscode from 'vscode';
import type { Deps } from '../deps.ts';

/** Copies the text and says so in the status bar. */
export async function copyText(deps: Deps, text: string, what: string): Promise<void> {
  await deps.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(check) Copied ${what}`, 4000);
}

/**
 * Set once join info has been copied: the walkthrough's "Copy join info" step completes on it
 * (`onContext:`), since copying is a button in a list, not a command of its own.
 */
export const JOIN_INFO_COPIED = 'chimeAttendees.joinInfoCopied';

export async function copyJoinInfo(deps: Deps, text: string, what: string): Promise<void> {
  await copyText(deps, text, what);
  await vscode.commands.executeCommand('setContext', JOIN_INFO_COPIED, true);
}
