/**
 * `npm run bench [-- --seconds 4 --rounds 3 --concurrency 8 --latency 200 --isolates 30 --write docs/benchmarks.md]`
 *
 * Figures, not tests: bundle sizes, CPU per request in workerd, cold starts, added latency, fan-out and
 * the extension's weight, each measured side by side in one run on this machine and printed as Markdown
 * (with --write, the whole of docs/benchmarks.md). Everything runs on 127.0.0.1, is bounded in
 * requests and seconds, and stops by itself; the default run takes about four minutes. `--only bf` runs only
 * the sections named by their letters (a bundle, b CPU, c latency, d fan-out, e extension, f hostile bodies, g cold start).
 * Each section is a file of sections/; this driver makes the run's state (run.ts) and hands it to them in order.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from '../emulator/server.ts';
import { verdict } from './format.ts';
import { Run } from './run.ts';
import { breakdownSection } from './sections/breakdown.ts';
import { bundleSection } from './sections/bundle.ts';
import { coldStartSection } from './sections/cold-start.ts';
import { cpuSection } from './sections/cpu.ts';
import { extensionSection } from './sections/extension.ts';
import { fanOutSection } from './sections/fan-out.ts';
import { headerSection } from './sections/header.ts';
import { hostileSection } from './sections/hostile.ts';
import { latencySection } from './sections/latency.ts';
import { meetingsSection } from './sections/meetings.ts';
import { pacerSection } from './sections/pacer.ts';
import { startTargets } from './targets.ts';
import { ROOT } from './wrangler-bundle.ts';

const ALL_SECTIONS = 'abcdefg';
const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '8' },
    latency: { type: 'string', default: '200' },
    isolates: { type: 'string', default: '30' },
    only: { type: 'string', default: ALL_SECTIONS },
    write: { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (args.help) {
  console.log(
    'npm run bench [-- --seconds 4 --rounds 3 --concurrency 8 --latency 200 --isolates 30 --only abcdefg | --write docs/benchmarks.md]',
  );
  console.log('sections for --only: a bundle, b CPU per request, c latency, d fan-out, e extension, f hostile bodies, g cold start');
  process.exit(0);
}
if (args.write && args.only !== ALL_SECTIONS) {
  console.error('bench: --write writes the whole of docs/benchmarks.md, so it runs every section: leave out --only');
  process.exit(2);
}
const runs = (section: string) => args.only.includes(section);
/** A hard stop, whatever hangs: the run ends and takes its workerd processes along. */
const HARD_LIMIT_MS = 8 * 60_000;
const METHOD_NOTE = '<!-- Written by `npm run bench -- --write docs/benchmarks.md`: change test/bench/, not this file. -->\n';

const run = new Run({
  seconds: Number(args.seconds),
  rounds: Math.max(1, Number(args.rounds)),
  concurrency: Number(args.concurrency),
  latencyMs: Number(args.latency),
  isolates: Math.max(1, Number(args.isolates)),
});
const started = Date.now();
const hardStop = setTimeout(() => {
  console.error(`bench: still running after ${HARD_LIMIT_MS / 1000} s; stopping`);
  for (const pid of run.workerdPids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  process.exit(1);
}, HARD_LIMIT_MS);
hardStop.unref();

try {
  await main();
} finally {
  await run.close();
  clearTimeout(hardStop);
}

async function main() {
  headerSection(run);
  if (runs('a')) await bundleSection(run);

  const emulator = await startEmulator();
  run.onClose(() => emulator.close());
  const targets = await startTargets(run, emulator);
  if (runs('b')) {
    const cpu = await cpuSection(run, emulator, targets);
    await breakdownSection(run, targets, cpu);
    await meetingsSection(run, emulator, targets);
  }
  if (runs('c')) {
    await latencySection(run, emulator, targets);
    await pacerSection(run, emulator);
  }
  if (runs('d')) await fanOutSection(run);
  if (runs('e')) extensionSection(run);
  if (runs('f')) await hostileSection(run, emulator, targets);
  if (runs('g')) await coldStartSection(run, emulator, targets);

  run.say('## Goals');
  run.say();
  run.say('| goal | measured | |');
  run.say('|---|---|---|');
  for (const g of run.goals) run.say(`| ${g.goal} | ${g.measured} | ${verdict(g.met)} |`);
  run.say();
  run.say(`Whole run: ${((Date.now() - started) / 1000).toFixed(0)} s; load average at the end: ${loadavg()[0]!.toFixed(2)}.`);
  if (args.write) {
    const file = join(ROOT, args.write);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${METHOD_NOTE}\n${run.lines.join('\n')}\n`);
    console.log(`\nwrote ${args.write}`);
  }
}
