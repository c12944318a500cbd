import { LIMITS } from '../../../shared/index.ts';
import { checkExternalUserIds } from './externalUserIds.ts';

export const DEFAULT_PATTERN = 'loadtest-{n}';

/** `{n}` is the attendee's number from 1; `{n:3}` pads it with zeros to three digits. */
const PLACEHOLDER = /\{n(?::(\d{1,2}))?\}/g;

/** Why the text is not a whole number of attendees that fits in a meeting, or undefined. */
export function checkCount(text: string): string | undefined {
  const max = LIMITS.attendeesPerMeeting;
  const count = Number(text.trim());
  return /^\d+$/.test(text.trim()) && count >= 1 && count <= max ? undefined : `Enter a whole number from 1 to ${max}`;
}

export function expandPattern(pattern: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) =>
    pattern.replace(PLACEHOLDER, (_match, width?: string) => String(index + 1).padStart(Number(width ?? 0), '0')),
  );
}

/** The IDs the pattern makes, in a few: `loadtest-1, loadtest-2, loadtest-3, …, loadtest-10`. */
export function previewPattern(pattern: string, count: number): string {
  const ids = expandPattern(pattern, count);
  return ids.length <= 4 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')}, …, ${ids.at(-1)}`;
}

/** Why the pattern cannot name `count` distinct, valid attendees, or undefined when it can. */
export function checkPattern(pattern: string, count: number): string | undefined {
  if (count > 1 && !pattern.match(PLACEHOLDER)) {
    return 'Include {n} (or {n:3} for 001, 002, …) so each attendee gets its own ExternalUserId';
  }
  return checkExternalUserIds(expandPattern(pattern, count));
}
