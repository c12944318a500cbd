import * as vscode from 'vscode';
import type { Logger } from './log/logger.ts';
import { normalizeSettings, type SettingsValues } from './settingsValues.ts';

const SECTION = 'chimeAttendees';

export interface Settings extends vscode.Disposable {
  /** The values as of the last change: edits apply to the next request without a reload. */
  current(): SettingsValues;
}

export function watchSettings(log: Logger): Settings {
  let values = read(log);
  const subscription = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SECTION)) values = read(log);
  });
  return { current: () => values, dispose: () => subscription.dispose() };
}

function read(log: Logger): SettingsValues {
  const config = vscode.workspace.getConfiguration(SECTION);
  const values = normalizeSettings({
    workerUrl: config.get('workerUrl'),
    requestTimeoutSeconds: config.get('requestTimeoutSeconds'),
    defaultCapabilities: config.get('defaultCapabilities'),
    defaultTags: config.get('defaultTags'),
  });
  for (const problem of values.problems) log.warn(problem);
  return values;
}
