import * as vscode from 'vscode';
import type { TestHooks } from '../../../../extension/src/extension.ts';
import { hooks } from './extension.ts';
import { ScriptedUi, type Action, type ScriptedUiOptions } from './scriptedUi.ts';

/** One command run with a scripted person at the window, the clipboard and the log tapped. */
export interface Session {
  ui: ScriptedUi;
  clipboard: string[];
  log: string[];
}

/**
 * Runs the command (with `args`, as a menu of the Meetings tree hands it its node) while the script plays,
 * restores everything afterwards, and fails when the UI went otherwise than scripted.
 */
export async function runCommand(
  command: string,
  actions: Action[],
  options: ScriptedUiOptions & { args?: unknown[] } = {},
): Promise<Session> {
  const testHooks: TestHooks = await hooks();
  const ui = new ScriptedUi(testHooks.window, options).script(...actions).install();
  const clipboard: string[] = [];
  const log: string[] = [];
  const originalWrite = testHooks.clipboard.writeText;
  testHooks.clipboard.writeText = async (text) => void clipboard.push(text);
  const tap = testHooks.log.addSink({ info: (line) => log.push(line), warn: (line) => log.push(line), error: (line) => log.push(line) });
  try {
    await vscode.commands.executeCommand(command, ...(options.args ?? []));
  } finally {
    ui.restore();
    testHooks.clipboard.writeText = originalWrite;
    tap.dispose();
  }
  ui.assertDone();
  return { ui, clipboard, log };
}
