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
  const group = await startWorkers(vars, script === undefined ? {} : { script });
  return { url: group.urls[0]!, close: group.close };
}

export interface WorkerGroupOptions {
  /** Default: the Worker as bundleWorker() makes it. */
  script?: string;
  /** Isolates, each a worker of its own with its own socket; default 1. */
  count?: number;
  /** Binds CHIME_PACER in each to one ChimePacer namespace, hosted by the first, as Cloudflare shares one class. */
  sharedPacer?: boolean;
}

export interface WorkerGroup {
  urls: string[];
  close(): Promise<void>;
}

/** wrangler.toml's compatibility date, which every workerd the tools start runs with. */
export function compatibilityDate(): string {
  return /compatibility_date\s*=\s*"([^"]+)"/.exec(readFileSync(`${ROOT}/wrangler.toml`, 'utf8'))![1]!;
}

/** Several isolates of the same script in one workerd, each serving its own socket, as startWorker serves one. */
export async function startWorkers(vars: Record<string, string>, options: WorkerGroupOptions = {}): Promise<WorkerGroup> {
  const script = options.script ?? (await bundleWorker());
  const names = Array.from({ length: options.count ?? 1 }, (_, i) => `worker-${i}`);
  const pacer = (index: number) => ({ className: 'ChimePacer', useSQLite: true, ...(index > 0 ? { scriptName: names[0]! } : {}) });
  const miniflare = new Miniflare({
    host: '127.0.0.1',
    port: 0,
    workers: names.map((name, index) => ({
      name,
      modules: true,
      script,
      compatibilityDate: compatibilityDate(),
      bindings: vars,
      ...(options.sharedPacer ? { durableObjects: { CHIME_PACER: pacer(index) } } : {}),
      // Requests go straight to the worker, as on Cloudflare: not through Miniflare's entry worker first.
      unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
    })),
    // The worker's per-request log lines would drown the figures: drain them.
    handleRuntimeStdio(stdout, stderr) {
      stdout.resume();
      stderr.resume();
    },
  });
  await miniflare.ready;
  const urls = await Promise.all(names.map(async (name) => (await miniflare.unsafeGetDirectURL(name)).href.replace(/\/$/, '')));
  return { urls, close: () => miniflare.dispose() };
}
