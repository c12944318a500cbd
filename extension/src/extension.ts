import * as vscode from 'vscode';
import { registerCreateAttendees } from './create/createAttendees.command.ts';
import { registerCreateTestAttendees } from './create/createTestAttendees.command.ts';
import { registerDeleteTestAttendees } from './delete/deleteTestAttendees.command.ts';
import { createDeps } from './deps.ts';
import { registerShowLog } from './log/showLog.command.ts';
import { registerShowMeeting } from './meeting/showMeeting.command.ts';
import type { TestHooks } from './testHooks.ts';
import { registerClearToken } from './token/clearToken.command.ts';
import { registerSetToken } from './token/setToken.command.ts';

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
