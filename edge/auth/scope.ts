import { ApiError } from '../errors.ts';
import type { TokenEntry, TokenOperation } from './tokens.ts';

/**
 * What a token may do. Refusals are 403s that name the token and the rule, and say where in the request
 * the problem is, never the value: ExternalUserIds are sensitive.
 */

/** Whether the token may see and touch an attendee with this ExternalUserId (or every one starting with this prefix). */
export function inScope(token: TokenEntry, externalUserIdOrPrefix: string): boolean {
  return !token.prefixes || token.prefixes.some((prefix) => externalUserIdOrPrefix.startsWith(prefix));
}

/** A 403 that names the token, then what it may not do: `token 'ci' may not delete (it may read)`. */
const refusal = (token: TokenEntry, rule: string) => new ApiError('ForbiddenException', `token '${token.name}' ${rule}`);

/** How messages say an operation; the others are verbs already. */
const said = (operation: TokenOperation) => (operation === 'meetings' ? 'manage meetings' : operation);

export function requireOperation(token: TokenEntry, operation: TokenOperation): void {
  if (token.operations.includes(operation)) return;
  const allowed = token.operations.map(said).join(' and ');
  throw refusal(token, `may not ${said(operation)} (it may ${allowed})`);
}

/** Refuses the whole request when any of the values is outside the token's prefixes; `where` names the value's place. */
export function requireInScope(
  token: TokenEntry,
  operation: TokenOperation,
  values: readonly string[],
  where: (index: number) => string,
): void {
  const index = values.findIndex((value) => !inScope(token, value));
  if (index < 0) return;
  throw refusal(token, `may ${operation} only ExternalUserIds starting with ${token.prefixes!.join(' or ')}; ${where(index)} does not`);
}

/** Refuses the whole request when any attendee to create has an ExternalUserId outside the token's prefixes. */
export function requireAttendeesInScope(token: TokenEntry, attendees: readonly { ExternalUserId: string }[]): void {
  requireInScope(
    token,
    'create',
    attendees.map((a) => a.ExternalUserId),
    (index) => `Attendees[${index}].ExternalUserId`,
  );
}

/** A token limited to prefixes creates and ends only meetings whose ExternalMeetingId starts with one of them. */
export function requireMeetingInScope(
  token: TokenEntry,
  action: 'create' | 'end',
  externalMeetingId: string | undefined,
  where: string,
): void {
  const { prefixes } = token;
  if (!prefixes || (externalMeetingId !== undefined && inScope(token, externalMeetingId))) return;
  throw refusal(token, `may ${action} only meetings whose ExternalMeetingId starts with ${prefixes.join(' or ')}; ${where} does not`);
}
