import type { TokenOperation } from '../../shared/index.ts';
import { utf8 } from '../utf8.ts';

export { TOKEN_OPERATIONS, type TokenOperation } from '../../shared/index.ts';

/** A caller's bearer token as the worker keeps it: a name for logs and messages, the token's SHA-256, its scope. */
export interface TokenEntry {
  name: string;
  digest: Uint8Array;
  operations: readonly TokenOperation[];
  /** The ExternalUserIds (and ExternalMeetingIds) it may see and touch start with one of these; absent: any. */
  prefixes?: readonly string[];
}

export async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', utf8.encode(text)));
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Compares digests of equal length without an early exit, so timing says nothing of the token. */
function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ (b[i] ?? 0);
  return difference === 0;
}

/** The entry the presented token belongs to, checking every entry so the match's position does not show. */
export async function findToken(entries: readonly TokenEntry[], presented: string): Promise<TokenEntry | undefined> {
  const digest = await sha256(presented);
  let match: TokenEntry | undefined;
  for (const entry of entries) if (digestsEqual(entry.digest, digest)) match ??= entry;
  return match;
}
