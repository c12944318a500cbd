import * as vscode from 'vscode';
import type { Deps } from '../deps.ts';
import { SECTION } from '../settings.ts';
import type { FailureText } from '../worker/failureText.ts';

/** Shows the failure with its next steps as buttons, takes the one chosen, and says whether to try again. */
export async function showFailure(text: FailureText, deps: Deps): Promise<'retry' | undefined> {
  const choice =
    text.severity === 'warning'
      ? await vscode.window.showWarningMessage(text.message, ...text.steps)
      : await vscode.window.showErrorMessage(text.message, ...text.steps);
  switch (choice) {
    case 'Retry':
      return 'retry';
    case 'Set Worker Token':
      return (await vscode.commands.executeCommand<boolean>('chimeAttendees.setToken')) ? 'retry' : undefined;
    case 'Open Settings':
      await vscode.commands.executeCommand('workbench.action.openSettings', SECTION);
      return undefined;
    case 'Show Log':
      deps.showLog();
      return undefined;
    case 'Create Test Meeting…':
      await vscode.commands.executeCommand('chimeAttendees.createMeeting');
      return undefined;
  }
  return undefined;
}
