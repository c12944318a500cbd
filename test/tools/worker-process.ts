import { build, type BuildOptions } from 'esbuild';
import { Miniflare } from 'miniflare';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** How a Worker entry is bundled: one minified ES module, resolved as workerd resolves packages. */
export function workerBuildOptions(entry = 'edge/entry/worker.ts'): BuildOptions & { write: false } {
  return {
    entryPoints: [`${ROOT}/${entry}`],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    // workerd's own modules (cloudflare:workers for the Durable Object) are there at run time.
    external: ['cloudflare:*'],
    write: false,
  };
}

/** The Worker as `wrangler deploy` ships it, less wrangler's own wrapper. */
export async function bundleWorker(entry?: string): Promise<string> {
  const result = await build(workerBuildOptions(entry));
  return result.outputFiles[0]!.text;
}

export interface WorkerProcess {
  url: string;
  close(): Promise<void>;
}

/**
 * The worker in workerd, serving its own socket on 127.0.0.1 (no wrangler proxy in front),
 * for load tests and benchmarks where the proxy would be what gets measured.
 */
export async function startWorker(vars: Record<string, string>, script?: string): Promise<WorkerProcess> {
  const compatibilityDate = /compatibility_date\s*=\s*"([^"]+)"/.exec(readFileSync(`${ROOT}/wrangler.toml`, 'utf8'))![1]!;
  const miniflare = new Miniflare({
    modules: true,
    script: script ?? (await bundleWorker()),
    compatibilityDate,
    bindings: vars,
    host: '127.0.0.1',
    port: 0,
    // Requests go straight to the worker, as on Cloudflare: not through Miniflare's entry worker first.
    unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
    // The worker's per-request log lines would drown the figures: drain them.
    handleRuntimeStdio(stdout, stderr) {
      stdout.resume();
      stderr.resume();
    },
  });
  await miniflare.ready;
  const url = (await miniflare.unsafeGetDirectURL()).href.replace(/\/$/, '');
  return { url, close: () => miniflare.dispose() };
}
