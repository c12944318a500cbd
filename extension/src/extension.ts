import * as vscode from 'vscode';
import { registerClearToken } from './commands/clearToken.ts';
import { registerCreateAttendees } from './commands/createAttendees.ts';
import { registerCreateTestAttendees } from './commands/createTestAttendees.ts';
import { registerDeleteTestAttendees } from './commands/deleteTestAttendees.ts';
import { registerSetToken } from './commands/setToken.ts';
import { registerShowMeeting } from './commands/showMeeting.ts';
import { createDeps } from './deps.ts';
import { registerShowLog } from './log/showLog.command.ts';
import type { TestHooks } from './testHooks.ts';

/** Activated by any of the contributed commands; registers them and nothing more. */
export function activate(context: vscode.ExtensionContext): TestHooks | undefined {
  const deps = createDeps(context);
  registerCreateAttendees(context, deps);
  registerCreateTestAttendees(context, deps);
  registerDeleteTestAttendees(context, deps);
  registerShowMeeting(context, deps);
  registerSetToken(context, deps);
  registerClearToken(context, deps);
  registerShowLog(context, deps);
  if (context.extensionMode === vscode.ExtensionMode.Production) return undefined;
  return { window: vscode.window, clipboard: deps.clipboard, log: deps.log };
}
