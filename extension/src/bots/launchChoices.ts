import { checkPattern } from '../create/testPattern.ts';
import { plural } from '../plural.ts';
import { MAX_BOTS } from './runner.ts';

/*
 * What Launch Test Bots… asks, checked: how many (bounded by the meeting's free slots), their prefix, and how
 * long they stay. No vscode import.
 */

export const DEFAULT_BOT_PREFIX = 'bot-';
/** The runner's bound: room is left for the bot's number. */
const MAX_PREFIX_LENGTH = 60;

/** How many bots the meeting has room for: its free slots when known, and never more than the runner runs. */
export const mostBots = (freeSlots: number | undefined): number => Math.min(MAX_BOTS, freeSlots ?? MAX_BOTS);

/** Why the text is not a number of bots from 1 to `most`, or undefined. */
export function checkBotCount(text: string, most: number, freeSlots: number | undefined): string | undefined {
  const count = Number(text.trim());
  if (/^\d+$/.test(text.trim()) && count >= 1 && count <= most) return undefined;
  const room = freeSlots === undefined || freeSlots >= MAX_BOTS ? '' : ` (the meeting has ${plural(freeSlots, 'slot')} free)`;
  return `Type a whole number from 1 to ${most}${room}`;
}

/** Why `prefix` followed by 1 to `count` is not a valid ExternalUserId for every bot, or undefined. */
export function checkBotPrefix(prefix: string, count: number): string | undefined {
  if (!prefix) return 'Type a prefix: the bots are named after it, bot-1, bot-2, …';
  if (prefix.length > MAX_PREFIX_LENGTH) return `Keep the prefix to ${MAX_PREFIX_LENGTH} characters: an ExternalUserId is at most 64`;
  return checkPattern(`${prefix}{n}`, count);
}

export interface BotDuration {
  label: string;
  /** How long each bot stays once joined. */
  seconds: number;
}

/** The runner's longest stay, a day: "until stopped" as far as a test run goes. */
export const UNTIL_STOPPED_SECONDS = 86_400;

export const BOT_DURATIONS: readonly BotDuration[] = [
  { label: '1 minute', seconds: 60 },
  { label: '5 minutes', seconds: 300 },
  { label: '15 minutes', seconds: 900 },
  { label: '1 hour', seconds: 3_600 },
  { label: 'Until stopped', seconds: UNTIL_STOPPED_SECONDS },
];
