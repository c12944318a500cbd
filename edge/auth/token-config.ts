import * as v from 'valibot';
import {
  ExternalUserIdPrefixSchema,
  StringSchema,
  closedObject,
  issuePath,
  lengthWithin,
  list,
  oneOf,
  parseSafely,
} from '../../shared/index.ts';
import { ConfigError } from '../errors.ts';
import { commaSeparated } from '../settings.ts';
import { TOKEN_OPERATIONS, sha256, type TokenEntry } from './tokens.ts';

const MAX_TOKENS = 100;
const MAX_PREFIXES = 20;
const ENTRY_SHAPE = '{"name","sha256","prefixes"?,"operations"?}';

/**
 * One entry of API_TOKENS_JSON. It holds the token's SHA-256, never the token, so a leaked configuration
 * leaks no token. Unknown fields are refused: a misspelt "prefix" must not quietly make a token unscoped.
 */
export const TokenConfigEntrySchema = closedObject({
  name: v.pipe(
    StringSchema,
    v.regex(/^[A-Za-z0-9][\w.-]{0,63}$/, 'must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit'),
  ),
  sha256: v.pipe(StringSchema, v.regex(/^[0-9a-fA-F]{64}$/, "must be the token's SHA-256 as 64 hexadecimal digits")),
  prefixes: v.optional(
    v.pipe(
      list(ExternalUserIdPrefixSchema, 'must be a list'),
      lengthWithin(1, Infinity, `must hold 1 to ${MAX_PREFIXES} prefixes (leave it out to allow any ExternalUserId)`),
      lengthWithin(0, MAX_PREFIXES, `must hold 1 to ${MAX_PREFIXES} prefixes`),
    ),
  ),
  operations: v.optional(
    v.pipe(
      list(oneOf(TOKEN_OPERATIONS), 'must be a list'),
      lengthWithin(1, Infinity, `must hold some of ${TOKEN_OPERATIONS.join(', ')} (leave it out to allow all)`),
    ),
  ),
});

export type TokenConfigEntry = v.InferOutput<typeof TokenConfigEntrySchema>;

const TokenConfigSchema = v.pipe(
  list(TokenConfigEntrySchema, `must be a JSON list of ${ENTRY_SHAPE} entries`),
  lengthWithin(0, MAX_TOKENS, `must hold at most ${MAX_TOKENS} tokens`),
);

/** An entry and the setting it came from, for messages that name where a problem is. */
interface Located {
  entry: TokenEntry;
  where: string;
}

/**
 * Every configured token: API_TOKENS' plain ones (unscoped, named token-1, token-2, …) and
 * API_TOKENS_JSON's hashed, named, scoped ones. None configured means every request is refused.
 */
export async function readTokens(plain: string | undefined, json: string | undefined): Promise<TokenEntry[]> {
  const located = [...(await plainTokens(plain)), ...(await hashedTokens(json))];
  refuseRepeats(located);
  return located.map(({ entry }) => entry);
}

/** API_TOKENS: comma-separated bearer tokens, each allowed everything. */
async function plainTokens(value: string | undefined): Promise<Located[]> {
  return Promise.all(
    commaSeparated(value).map(async (token, index) => ({
      entry: { name: `token-${index + 1}`, digest: await sha256(token), operations: TOKEN_OPERATIONS },
      where: 'API_TOKENS',
    })),
  );
}

async function hashedTokens(value: string | undefined): Promise<Located[]> {
  if (!value?.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    // JSON.parse's own message quotes the text around the error: never pass it on.
    throw new ConfigError('API_TOKENS_JSON', `must be valid JSON: a list of ${ENTRY_SHAPE} entries`);
  }
  const result = parseSafely(TokenConfigSchema, parsed);
  if (!result.success) {
    const [issue] = result.issues;
    throw new ConfigError(`API_TOKENS_JSON${issuePath(issue, '')}`, issue.message);
  }
  return result.output.map((config, index) => ({ entry: tokenEntry(config), where: `API_TOKENS_JSON[${index}]` }));
}

function tokenEntry({ name, sha256: hex, prefixes, operations }: TokenConfigEntry): TokenEntry {
  const digest = new Uint8Array(hex.match(/../g)!.map((byte) => parseInt(byte, 16)));
  // Listed in one order, however the configuration lists them, so messages read the same.
  const allowed = operations ? TOKEN_OPERATIONS.filter((operation) => operations.includes(operation)) : TOKEN_OPERATIONS;
  return { name, digest, operations: allowed, prefixes };
}

/**
 * A hashed token that is also configured elsewhere would make its scope ambiguous, and two tokens with
 * one name would make logs so. API_TOKENS may repeat a token, as it always could: each copy is unscoped.
 */
function refuseRepeats(located: readonly Located[]): void {
  const names = new Set<string>();
  const digests = new Set<string>();
  for (const { entry, where } of located) {
    const digest = entry.digest.join();
    if (where !== 'API_TOKENS' && digests.has(digest)) throw new ConfigError(`${where}.sha256`, 'repeats a token configured before it');
    if (names.has(entry.name)) {
      throw new ConfigError(`${where}.name`, 'repeats the name of another token (the tokens of API_TOKENS are named token-1, token-2, …)');
    }
    digests.add(digest);
    names.add(entry.name);
  }
}
