/**
 * Test bots from the command line, for CI and load tests:
 *
 *   npm run bots -- --worker <url> --token <token> --meeting <id> --count 10 --prefix bot- --seconds 60
 *       [--capabilities SendReceive,Send,None] [--browser /path/to/chromium] [--tabs-per-browser 10] [--delete]
 *
 * Exits once every bot is over, printing each bot's last state; 0 when none failed. SIGINT or SIGTERM
 * stops the bots first. The token may also come from CHIME_ATTENDEES_TOKEN, to keep it out of `ps`.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { BotCapabilities, Capability } from './protocol.ts';
import { launchBots, LaunchError, type BotRun } from './runner.ts';
import { describeBot } from './states.ts';

const USAGE =
  'usage: npm run bots -- --worker URL --token TOKEN --meeting ID [--count 10] [--prefix bot-] [--seconds 60] ' +
  '[--capabilities Audio,Video,Content] [--browser PATH] [--tabs-per-browser 10] [--delete]';
const CAPABILITIES: readonly Capability[] = ['SendReceive', 'Send', 'Receive', 'None'];
const BUNDLE = fileURLToPath(new URL('../../dist/bots/bot.js', import.meta.url));

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function wholeNumber(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) fail(`--${name} must be a whole number, not ${JSON.stringify(text.slice(0, 40))}`);
  return Number(text);
}

function capabilities(text: string | undefined): BotCapabilities | undefined {
  if (text === undefined) return undefined;
  const [Audio, Video, Content, ...rest] = text.split(',') as Capability[];
  if (rest.length || ![Audio, Video, Content].every((value) => CAPABILITIES.includes(value!))) {
    fail(`--capabilities must be Audio,Video,Content, each one of ${CAPABILITIES.join(', ')}`);
  }
  return { Audio: Audio!, Video: Video!, Content: Content! };
}

const { values } = parseArgs({
  options: {
    worker: { type: 'string' },
    token: { type: 'string' },
    meeting: { type: 'string' },
    count: { type: 'string' },
    prefix: { type: 'string' },
    seconds: { type: 'string' },
    capabilities: { type: 'string' },
    browser: { type: 'string' },
    'tabs-per-browser': { type: 'string' },
    delete: { type: 'boolean' },
  },
  strict: true,
});
if (!values.worker) fail('--worker is required');
if (!values.meeting) fail('--meeting is required');

let run: BotRun;
try {
  run = await launchBots({
    worker: { baseUrl: values.worker, token: values.token ?? process.env['CHIME_ATTENDEES_TOKEN'], timeoutMs: 30_000 },
    meetingId: values.meeting,
    count: wholeNumber(values.count, 'count', 10),
    prefix: values.prefix ?? 'bot-',
    seconds: wholeNumber(values.seconds, 'seconds', 60),
    capabilities: capabilities(values.capabilities),
    browser: values.browser,
    tabsPerBrowser: wholeNumber(values['tabs-per-browser'], 'tabs-per-browser', 10),
    bundlePath: BUNDLE,
  });
} catch (error) {
  if (error instanceof LaunchError) fail(error.message);
  throw error;
}

const stopAndReport = async (exitCode?: number) => {
  const { bots, deleted, deleteFailure } = await run.stop({ deleteAttendees: values.delete ?? false });
  for (const bot of bots) process.stdout.write(`${describeBot(bot)}\n`);
  if (deleted !== undefined) process.stdout.write(`${deleted} attendees deleted\n`);
  if (deleteFailure) process.stdout.write(`deleting: ${deleteFailure}\n`);
  process.exit(exitCode ?? (bots.some((bot) => bot.state === 'failed') ? 1 : 0));
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAndReport(130));
await run.settled;
await stopAndReport();
