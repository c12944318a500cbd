import * as vscode from 'vscode';
import { createLogger, type Logger } from './log/logger.ts';
import { createRecentMeetings, type RecentMeetings } from './meeting/recentMeetings.ts';
import { watchSettings, type Settings } from './settings.ts';
import { createTokenStore, type TokenStore } from './token/tokenStore.ts';

export interface Clipboard {
  writeText(text: string): Thenable<void>;
}

/** What the commands share: one log, one settings watcher, one token store. */
export interface Deps {
  settings: Settings;
  log: Logger;
  showLog(): void;
  tokens: TokenStore;
  recentMeetings: RecentMeetings;
  /** A seam of its own: VS Code's clipboard object is frozen, so tests cannot replace its methods. */
  clipboard: Clipboard;
}

export function createDeps(context: vscode.ExtensionContext): Deps {
  const channel = vscode.window.createOutputChannel('Chime Attendees', { log: true });
  const tokens = createTokenStore(context.secrets);
  const log = createLogger(channel, () => [tokens.lastSeen()]);
  const settings = watchSettings(log);
  context.subscriptions.push(channel, settings);
  return {
    settings,
    log,
    showLog: () => channel.show(true),
    tokens,
    recentMeetings: createRecentMeetings(context.workspaceState),
    clipboard: { writeText: (text) => vscode.env.clipboard.writeText(text) },
  };
}
