import type { Logger } from './log/logger.ts';
import type { RecentMeetings } from './meeting/recentMeetings.ts';
import type { Settings } from './settings.ts';
import type { TokenStore } from './token/tokenStore.ts';

export interface Clipboard {
  writeText(text: string): PromiseLike<void>;
}

/** What the commands share: one log, one settings watcher, one token store (made in extension.ts). */
export interface Deps {
  settings: Settings;
  log: Logger;
  showLog(): void;
  tokens: TokenStore;
  recentMeetings: RecentMeetings;
  /** A seam of its own: VS Code's clipboard object is frozen, so tests cannot replace its methods. */
  clipboard: Clipboard;
}
