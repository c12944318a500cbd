/** The report's title, when and at which commit it was measured, and the machine it ran on. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Run } from '../run.ts';
import { ROOT } from '../wrangler-bundle.ts';

export function headerSection(run: Run) {
  const load = loadavg()[0]!;
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  run.say('# Benchmarks');
  run.say();
  run.say(`Measured by \`npm run bench\` (test/bench/bench.ts) on ${when} UTC at ${commit()}, everything side by side in one run.`);
  run.say();
  run.say(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}, ` +
      `Node ${process.version}, workerd ${packageVersion('workerd')} (Miniflare ${packageVersion('miniflare')}, ` +
      'each worker serving its own socket directly: no wrangler proxy and no Miniflare entry worker in front, as on Cloudflare). ' +
      `Load average at start: ${load.toFixed(2)}: ` +
      "the machine is shared with other engineers' test runs, so absolute times move with their load; " +
      'the goals compare rows of one run, measured side by side and interleaved, as ratios where they can.',
  );
  run.say();
}

/** The commit measured, and whether the work tree differed from it. */
function commit(): string {
  try {
    const git = (...argv: string[]) =>
      execFileSync('git', argv, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = git('status', '--porcelain', '--untracked-files=no', '--', 'edge', 'shared', 'test/bench') !== '';
    return `commit ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes to edge/, shared/ or test/bench/' : ''}`;
  } catch {
    return 'an unknown commit';
  }
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
