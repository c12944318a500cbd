import { BOT_STATES, MEDIA_NOT_EMULATED_TEXT, type BotReport, type BotState } from './protocol.ts';

/*
 * A bot's state as the runner keeps it: what its page reported, and what the runner itself knows (its
 * attendee could not be created, its browser exited, its page never reported). Pure: no I/O.
 */

export interface BotStatus {
  /** Unguessable: the page's address, which hands out the bot's JoinToken on 127.0.0.1. */
  id: string;
  externalUserId: string;
  attendeeId?: string | undefined;
  state: BotState;
  detail?: string | undefined;
}

const TERMINAL: ReadonlySet<BotState> = new Set(['left', 'media-not-emulated', 'failed']);
/** How far along each state is: a report never moves a bot back. */
const ORDER: Record<BotState, number> = { starting: 0, signaling: 1, joined: 2, left: 3, 'media-not-emulated': 3, failed: 3 };

export const isTerminal = (state: BotState): boolean => TERMINAL.has(state);

/** A page's report, checked as untrusted input; undefined when it is not one. */
export function parseReport(input: unknown): BotReport | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const { state, detail } = input as Record<string, unknown>;
  if (!BOT_STATES.includes(state as BotState)) return undefined;
  if (detail !== undefined && typeof detail !== 'string') return undefined;
  return { state: state as BotState, ...(detail === undefined ? {} : { detail: detail.slice(0, 500) }) };
}

/** The bot after a report: a terminal state stays, and a late report of an earlier state is ignored. */
export function applyReport(bot: BotStatus, report: BotReport): BotStatus {
  if (isTerminal(bot.state) || ORDER[report.state] < ORDER[bot.state]) return bot;
  return { ...bot, state: report.state, detail: report.detail };
}

/** Ends a bot that is not over yet as failed, for a reason only the runner knows. */
export function failUnlessOver(bot: BotStatus, detail: string): BotStatus {
  return isTerminal(bot.state) ? bot : { ...bot, state: 'failed', detail };
}

/** One line a person reads: `bot-1 joined`, `bot-2 failed: SignalingBadRequest; …`. */
export const describeBot = (bot: BotStatus): string => `${bot.externalUserId} ${stateText(bot)}`;

/** The state in plain words: `joined`, `signaling reached, media not emulated`, `failed: SignalingBadRequest; …`. */
export function stateText(bot: BotStatus): string {
  const label = bot.state === 'media-not-emulated' ? MEDIA_NOT_EMULATED_TEXT : bot.state;
  const detail = bot.detail && bot.detail !== MEDIA_NOT_EMULATED_TEXT ? `: ${bot.detail}` : '';
  return `${label}${detail}`;
}

/** How many ended in each state, for the log (no names): `2 signaling reached, media not emulated, 1 failed`. */
export function countStates(bots: readonly BotStatus[]): string {
  const counts = new Map<string, number>();
  for (const bot of bots) {
    const label = bot.state === 'media-not-emulated' ? MEDIA_NOT_EMULATED_TEXT : bot.state;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([label, count]) => `${count} ${label}`).join(', ');
}

/** Splits the bots into browsers of at most `perBrowser` tabs each, in order. */
export function intoBrowsers<T>(bots: readonly T[], perBrowser: number): T[][] {
  if (!Number.isInteger(perBrowser) || perBrowser < 1) throw new RangeError('tabsPerBrowser must be a whole number of at least 1');
  const groups: T[][] = [];
  for (let start = 0; start < bots.length; start += perBrowser) groups.push(bots.slice(start, start + perBrowser));
  return groups;
}
