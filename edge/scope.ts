import { ApiError } from './errors.ts';
import type { TokenEntry, TokenOperation } from './tokens.ts';

/**
 * What a token may do. Refusals are 403s that name the token and the rule, and say where in the request
 * the problem is, never the value: ExternalUserIds are sensitive.
 */

/** Whether the token may see and touch an attendee with this ExternalUserId (or every one starting with this prefix). */
export function inScope(token: TokenEntry, externalUserIdOrPrefix: string): boolean {
  return !token.prefixes || token.prefixes.some((prefix) => externalUserIdOrPrefix.startsWith(prefix));
}

export function requireOperation(token: TokenEntry, operation: TokenOperation): void {
  if (token.operations.includes(operation)) return;
  throw new ApiError('ForbiddenException', `token '${token.name}' may not ${operation} (it may ${token.operations.join(' and ')})`);
}

/** Refuses the whole request when any of the values is outside the token's prefixes; `where` names the value's place. */
export function requireInScope(token: TokenEntry, operation: TokenOperation, values: readonly string[], where: (index: number) => string): void {
  const index = values.findIndex((value) => !inScope(token, value));
  if (index < 0) return;
  throw new ApiError(
    'ForbiddenException',
    `token '${token.name}' may ${operation} only ExternalUserIds starting with ${token.prefixes!.join(' or ')}; ${where(index)} does not`,
  );
}
