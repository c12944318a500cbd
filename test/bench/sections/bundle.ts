/** a. Bundle size: the Worker against the same job with the AWS SDK, what wrangler ships, and what the Worker holds. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { bundleWorker, workerBuildOptions } from '../../tools/worker-process.ts';
import { kb, percent } from '../format.ts';
import { GOALS } from '../goals.ts';
import type { Run } from '../run.ts';
import { bundleLikeWrangler, ROOT } from '../wrangler-bundle.ts';

export async function bundleSection(run: Run) {
  const worker = await bundleWorker();
  const sdk = await bundleLikeWrangler('test/bench/baseline/worker.ts');
  const dry = wranglerDryRun();
  const share = worker.length / sdk.length;
  run.say('## a. Bundle size');
  run.say();
  run.say('| bundle | minified KiB | gzip KiB |');
  run.say('|---|---|---|');
  run.say(
    `| the Worker (\`bundleWorker()\`: hono + valibot + aws4fetch + shared/) | ${kb(worker.length)} | ${kb(gzipSync(worker).length)} |`,
  );
  run.say(
    `| the same job with \`@aws-sdk/client-chime-sdk-meetings\` (test/bench/baseline) | ${kb(sdk.length)} | ${kb(gzipSync(sdk).length)} |`,
  );
  run.say(`| \`wrangler deploy --dry-run\`: what \`npm run deploy\` ships (wrangler.toml minifies) | ${dry} |`);
  run.say();
  const parts = await composition('edge/entry/worker.ts');
  const whole = parts.reduce((sum, [, bytes]) => sum + bytes, 0);
  const shares = parts.map(([name, bytes]) => `${name} ${kb(bytes)} (${percent(bytes / whole)})`);
  run.say(`What the Worker's minified bundle holds, KiB (share): ${shares.join(', ')}.`);
  run.say();
  const { bundleKib, bundleShareOfSdk } = GOALS;
  const sizeGoal = run.goal(`a. the Worker ≤ ${bundleKib} KiB minified`, `${kb(worker.length)} KiB`, worker.length <= bundleKib * 1024);
  const shareGoal = run.goal('a. the Worker ≤ a third of the SDK baseline', percent(share), share <= bundleShareOfSdk);
  run.say(
    `Goal ≤ ${bundleKib} KiB minified: ${kb(worker.length)} KiB, ${sizeGoal}. ` +
      `Goal ≤ a third of the SDK baseline: ${percent(share)}, ${shareGoal}.`,
  );
  run.say();
}

/** Bytes of the minified bundle by origin: each npm package, the OpenAPI document, the rest of edge/, shared/. */
async function composition(entry: string): Promise<Array<[string, number]>> {
  const result = await build({ ...workerBuildOptions(entry), metafile: true, logLevel: 'silent' });
  const totals = new Map<string, number>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? sourceName(file);
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

function sourceName(file: string): string {
  if (file.endsWith('openapi/documents.ts')) return `${file} (OpenAPI document, gzipped)`;
  return file.startsWith('shared/') ? 'shared/' : 'edge/ (code)';
}

/** What `wrangler deploy --dry-run` prints as the upload size, e.g. "125.77 KiB / gzip: 30.97 KiB". */
function wranglerDryRun(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chime-bench-wrangler-'));
  try {
    const text = execFileSync(
      process.execPath,
      [join(ROOT, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', dir],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1' },
      },
    );
    const match = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(text);
    return match ? `${match[1]} | ${match[2]}` : 'n/a | n/a';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
