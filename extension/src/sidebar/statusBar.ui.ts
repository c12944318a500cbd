import * as vscode from 'vscode';
import { askPick } from '../ui/askPick.ui.ts';
import { runInputSteps } from '../ui/quickInput.ui.ts';
import { keep } from '../ui/steps.ts';
import { statusText, statusTooltip, type Connection } from './connection.ts';
import type { MeetingsTree } from './meetingsTree.ui.ts';

/** The worker's host, its API flavor and whether a token is set; a click offers what fixes each. */
export function createConnectionStatus(context: vscode.ExtensionContext, tree: MeetingsTree): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('chimeAttendees.connection', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Chime worker';
  item.command = 'chimeAttendees.showConnection';
  const show = (connection: Connection) => {
    item.text = statusText(connection);
    item.tooltip = statusTooltip(connection);
    item.show();
  };
  context.subscriptions.push(item, tree.onDidChangeConnection(show));
  void tree.connection().then(show);
  return item;
}

const CHOICES = [
  { label: '$(key) Set Worker Token', command: 'chimeAttendees.setToken' },
  { label: '$(output) Show Log', command: 'chimeAttendees.showLog' },
  { label: '$(gear) Worker URL setting', command: 'chimeAttendees.openWorkerUrlSetting' },
  { label: '$(refresh) Check again', command: 'chimeAttendees.refreshMeetings' },
];

export async function showConnection(tree: MeetingsTree): Promise<void> {
  const connection = await tree.connection();
  let chosen: (typeof CHOICES)[number] | undefined;
  const title = statusTooltip(connection).split('\n').slice(0, 2).join(' ');
  await runInputSteps([
    (at) => askPick({ title, placeholder: connection.workerUrl, items: CHOICES }, at).then(keep((item) => (chosen = item))),
  ]);
  if (chosen) await vscode.commands.executeCommand(chosen.command);
}
