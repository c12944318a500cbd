import * as vscode from 'vscode';
import { createBotRuns, type BotRuns } from './bots/botRuns.ts';
import { registerTestBots } from './bots/testBots.command.ts';
import { registerCreateAttendees } from './create/createAttendees.command.ts';
import { registerCreateTestAttendees } from './create/createTestAttendees.command.ts';
import { registerDeleteTestAttendees } from './delete/deleteTestAttendees.command.ts';
import type { Clipboard, Deps } from './deps.ts';
import { createLogger, type Logger } from './log/logger.ts';
import { registerShowLog } from './log/showLog.command.ts';
import { createRecentMeetings } from './meeting/recentMeetings.ts';
import { registerShowMeeting } from './meeting/showMeeting.command.ts';
import { watchSettings } from './settings.ts';
// The Chime sidebar and the test-meeting loop.
import { registerCreateMeeting } from './meeting/createMeeting.command.ts';
import { registerEndMeeting } from './meeting/endMeeting.command.ts';
import { registerMeetingActions } from './sidebar/meetingActions.command.ts';
import { createMeetingsTree, type MeetingsTree } from './sidebar/meetingsTree.ui.ts';
import { watchRecentMeetings } from './sidebar/recentChanges.ts';
import { createConnectionStatus } from './sidebar/statusBar.ui.ts';
// End of the sidebar's imports.
import { registerClearToken } from './token/clearToken.command.ts';
import { registerSetToken } from './token/setToken.command.ts';
import { createTokenStore } from './token/tokenStore.ts';

/**
 * Handed to tests (never to production) by activate. VS Code gives each extension its own `vscode`
 * API object, so a test outside this folder that replaced methods on its own `vscode.window` would
 * not touch the one this extension calls: tests script the UI through this `window` instead.
 */
export interface TestHooks {
  window: typeof vscode.window;
  clipboard: Clipboard;
  log: Pick<Logger, 'addSink'>;
  /** The Meetings tree, the status-bar item, and the test bots the extension runs. */
  sidebar: { tree: MeetingsTree; status: vscode.StatusBarItem; bots: BotRuns };
}

const COMMANDS = [
  registerCreateAttendees,
  registerCreateTestAttendees,
  registerDeleteTestAttendees,
  registerShowMeeting,
  registerSetToken,
  registerClearToken,
  registerShowLog,
];

/** Stopped on deactivate: their browsers are child processes of this extension host. */
let runningBots: BotRuns | undefined;

/** Activated by any of the contributed commands; registers them and nothing more. */
export function activate(context: vscode.ExtensionContext): TestHooks | undefined {
  const deps = createDeps(context);
  const sidebar = createSidebar(context, deps);
  for (const register of COMMANDS) register(context, deps);
  if (context.extensionMode === vscode.ExtensionMode.Production) return undefined;
  return { window: vscode.window, clipboard: deps.clipboard, log: deps.log, sidebar };
}

/** Every test bot leaves and every browser closes before the extension host goes. */
export function deactivate(): Promise<void> | undefined {
  return runningBots?.stopAll();
}

// ---- The Chime sidebar and the test-meeting loop ------------------------------------------------

/**
 * The Meetings tree (told of every change to the recent meetings), its commands, the status-bar item, and the
 * test bots shown under their meetings (stopped when their meeting ends).
 */
function createSidebar(context: vscode.ExtensionContext, deps: Deps) {
  const watched = watchRecentMeetings(deps.recentMeetings);
  // Before any command is registered: every command's changes to the recent list reach the tree.
  deps.recentMeetings = watched.recent;
  const bots = (runningBots = createBotRuns());
  const tree = createMeetingsTree(context, deps, bots);
  watched.onChange((change) => {
    tree.changed(change);
    if (change.kind === 'ended') void bots.stop(change.meetingId);
  });
  registerCreateMeeting(context, deps, tree);
  registerEndMeeting(context, deps, tree);
  registerMeetingActions(context, deps, tree);
  registerTestBots(context, deps, bots);
  return { tree, status: createConnectionStatus(context, tree), bots };
}

// ---- End of the sidebar -------------------------------------------------------------------------

/** The commands' shared pieces, made from VS Code's own; the settings watcher first, so it hears of changes first. */
function createDeps(context: vscode.ExtensionContext): Deps {
  const channel = vscode.window.createOutputChannel('Chime Attendees', { log: true });
  const tokens = createTokenStore(context.secrets);
  const log = createLogger(channel, () => [tokens.lastSeen()]);
  const settings = watchSettings(vscode.workspace, log);
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
