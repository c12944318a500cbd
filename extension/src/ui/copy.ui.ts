import * as vscode from 'vscode';
import type { Deps } from '../deps.ts';

/** Copies the text and says so in the status bar. */
export async function copyText(deps: Deps, text: string, what: string): Promise<void> {
  await deps.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(check) Copied ${what}`, 4000);
}
