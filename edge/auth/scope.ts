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

/** How messages say an operation; the others are verbs already. */
const said = (operation: TokenOperation) => (operation === 'meetings' ? 'manage meetings' : operation);

export function requireOperation(token: TokenEntry, operation: TokenOperation): void {
  if (token.operations.includes(operation)) return;
  const allowed = token.operations.map(said).join(' and ');
  throw new ApiError('ForbiddenException', `token '${token.name}' may not ${said(operation)} (it may ${allowed})`);
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
  throw new ApiError(
    'ForbiddenException',
    `token '${token.name}' may ${operation} only ExternalUserIds starting with ${token.prefixes!.join(' or ')}; ${where(index)} does not`,
  );
}

/** A token limited to prefixes creates and ends only meetings whose ExternalMeetingId starts with one of them. */
export function requireMeetingInScope(
  token: TokenEntry,
  action: 'create' | 'end',
  externalMeetingId: string | undefined,
  where: string,
): void {
  const { name, prefixes } = token;
  if (!prefixes || (externalMeetingId !== undefined && inScope(token, externalMeetingId))) return;
  const rule = `may ${action} only meetings whose ExternalMeetingId starts with ${prefixes.join(' or ')}`;
  throw new ApiError('ForbiddenException', `token '${name}' ${rule}; ${where} does not`);
}
