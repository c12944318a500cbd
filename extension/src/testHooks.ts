import type * as vscode from 'vscode';
import type { Clipboard } from './deps.ts';
import type { Logger } from './log/logger.ts';

/**
 * Handed to tests (never to production) by activate. VS Code gives each extension its own `vscode`
 * API object, so a test outside this folder that replaced methods on its own `vscode.window` would
 * not touch the one this extension calls: tests script the UI through this `window` instead.
 */
export interface TestHooks {
  window: typeof vscode.window;
  clipboard: Clipboard;
  log: Pick<Logger, 'addSink'>;
}
