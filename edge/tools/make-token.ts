/**
 * Makes a bearer token for the worker: prints the token once, and the API_TOKENS_JSON entry that holds
 * only its SHA-256, so the configuration never holds the token itself.
 *   npm run token -- --name ci [--prefix ci-bot-]... [--ops create,delete]
 */
import { parseArgs } from 'node:util';
import { describeIssues, parseSafely, summarizeIssues } from '../../shared/index.ts';
import { TokenConfigEntrySchema } from '../auth/token-config.ts';
import { sha256, toHex } from '../auth/tokens.ts';

const USAGE = 'usage: npm run token -- --name NAME [--prefix PREFIX]... [--ops read,create,delete,meetings]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: { name: { type: 'string' }, prefix: { type: 'string', multiple: true }, ops: { type: 'string' } },
    strict: true,
  }));
} catch (error) {
  fail((error as Error).message);
}

// 32 random bytes: past guessing, so a plain SHA-256 of the token is as good as a slow password hash.
const token = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
const proposed = {
  ...(values.name === undefined ? {} : { name: values.name }),
  sha256: toHex(await sha256(token)),
  ...(values.prefix ? { prefixes: values.prefix } : {}),
  ...(values.ops ? { operations: values.ops.split(',').map((op) => op.trim()) } : {}),
};
// The worker's own rules, so the entry printed is one the worker accepts.
const checked = parseSafely(TokenConfigEntrySchema, proposed);
if (!checked.success) fail(`Invalid token: ${summarizeIssues(describeIssues(checked.issues, 'token'))}`);

process.stdout.write(
  [
    `Token '${checked.output.name}' (shown this once: hand it to its user and keep no copy):`,
    `  ${token}`,
    '',
    "Its entry for the list in API_TOKENS_JSON (the entry holds only the token's SHA-256):",
    `  ${JSON.stringify(checked.output)}`,
    '',
  ].join('\n'),
);
