/**
 * Runs the emulator on its own:
 *   npx tsx test/emulator/cli.ts [--host 127.0.0.1] [--port 0] [--flavor chime-sdk-meetings|chime] [--region us-east-1] [--deprecated]
 *     [--calls-per-second N [--burst N]] [--meeting-auto-end-ms 300000]
 * Prints one JSON line, {"url":...,"flavor":...}, once listening; stops cleanly on SIGINT or SIGTERM.
 */
import { parseArgs } from 'node:util';
import { InvalidRateLimitError, parseRateLimit } from './rate-limit.ts';
import { startEmulator } from './server.ts';
import type { Flavor, RateLimit } from './types.ts';

const FLAVORS: readonly Flavor[] = ['chime-sdk-meetings', 'chime'];
const USAGE =
  'usage: cli.ts [--host HOST] [--port PORT] [--flavor chime-sdk-meetings|chime] [--region REGION] [--deprecated (chime only)]\n' +
  '              [--calls-per-second N [--burst N (default: twice N)]] [--meeting-auto-end-ms MS]';

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      flavor: { type: 'string' },
      region: { type: 'string' },
      deprecated: { type: 'boolean' },
      'calls-per-second': { type: 'string' },
      burst: { type: 'string' },
      'meeting-auto-end-ms': { type: 'string' },
    },
    strict: true,
  }));
} catch (error) {
  fail((error as Error).message);
}

const port = Number(values.port ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`--port must be an integer from 0 to 65535`);
const flavor = (values.flavor ?? 'chime-sdk-meetings') as Flavor;
if (!FLAVORS.includes(flavor)) fail(`--flavor must be one of ${FLAVORS.join(', ')}`);
if (values.deprecated && flavor !== 'chime') fail('--deprecated needs --flavor chime');
const rateLimit = readRateLimit(values['calls-per-second'], values.burst);
const autoEnd = values['meeting-auto-end-ms'];
const meetingAutoEndMs = autoEnd === undefined ? undefined : Number(autoEnd);
if (meetingAutoEndMs !== undefined && !(Number.isInteger(meetingAutoEndMs) && meetingAutoEndMs >= 1)) {
  fail('--meeting-auto-end-ms must be a whole number of ms, at least 1');
}

const emulator = await startEmulator({
  port,
  flavor,
  deprecated: values.deprecated ?? false,
  ...(values.host === undefined ? {} : { host: values.host }),
  ...(values.region === undefined ? {} : { region: values.region }),
  ...(rateLimit ? { rateLimit } : {}),
  ...(meetingAutoEndMs === undefined ? {} : { meetingAutoEndMs }),
});
process.stdout.write(`${JSON.stringify({ url: emulator.url, flavor: emulator.flavor })}\n`);

// Closing drops every connection and timer, so the process then ends by itself with code 0.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void emulator.close());
}

/** Throttling like AWS's (10 a second, burst 20, is AWS's default), or none without --calls-per-second. */
function readRateLimit(callsPerSecond: string | undefined, burst: string | undefined): RateLimit | undefined {
  if (callsPerSecond === undefined) return burst === undefined ? undefined : fail('--burst needs --calls-per-second');
  const rate = Number(callsPerSecond);
  try {
    return parseRateLimit({ callsPerSecond: rate, burst: burst === undefined ? Math.max(1, Math.round(2 * rate)) : Number(burst) });
  } catch (error) {
    if (error instanceof InvalidRateLimitError)
      fail(error.message.replace('rateLimit.callsPerSecond', '--calls-per-second').replace('rateLimit.burst', '--burst'));
    throw error;
  }
}
