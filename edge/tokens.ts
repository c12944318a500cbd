/** A caller's bearer token as the worker keeps it: a name for logs and the SHA-256 of the token. */
export interface TokenEntry {
  name: string;
  digest: Uint8Array;
}

const encoder = new TextEncoder();

export async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** API_TOKENS: comma-separated bearer tokens. None configured means every request is refused. */
export async function parseTokens(value: string | undefined): Promise<TokenEntry[]> {
  const tokens = (value ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  return Promise.all(tokens.map(async (token, index) => ({ name: `token-${index + 1}`, digest: await sha256(token) })));
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
