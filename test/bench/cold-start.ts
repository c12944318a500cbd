/**
 * Cold start: the time from a fresh isolate to its first answer. Each isolate is made by workerd's Worker
 * Loader in one workerd process, under a new name and with a source no isolate had before (its name in a
 * comment at the end), so nothing compiled or run for an earlier one helps it: workerd makes the isolate,
 * compiles and evaluates the script, and the first request runs the Worker's setup and its code cold. Node
 * times the request through a small host worker that loads the isolate and hands the request on; the same
 * request to the same isolate again is its warm time. Rounds interleave the scripts, so a burst of other
 * work on the machine hits them alike.
 */
import { Miniflare } from 'miniflare';
import { percentile } from '../load/stats.ts';
import { runLoad } from './http-load.ts';
import { childPids, cpuMs } from './process-cpu.ts';

export interface ColdStartScript {
  name: string;
  script: string;
  vars: Record<string, string>;
}

export interface ColdStartRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface ColdStartFigure {
  name: string;
  /** Milliseconds from the request to the answer, for a fresh isolate and for the same isolate again (p50). */
  firstAnswerMs: number;
  warmMs: number;
  /** workerd CPU milliseconds of a first answer, and of a warm one (means; /proc counts 10 ms ticks). */
  firstAnswerCpuMs: number;
  warmCpuMs: number;
}

const HOST = `export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const script = url.searchParams.get('script');
    const isolate = url.searchParams.get('isolate');
    const worker = env.LOADER.get(isolate, () => ({
      compatibilityDate: env.COMPATIBILITY_DATE,
      mainModule: 'worker.js',
      modules: { 'worker.js': env[script] + '\\n// isolate ' + isolate + '\\n' },
      env: JSON.parse(env[script + '_VARS']),
    }));
    return worker.getEntrypoint().fetch(new Request('http://worker' + url.searchParams.get('path'), request));
  },
};`;

export async function measureColdStarts(
  scripts: readonly ColdStartScript[],
  request: ColdStartRequest,
  { rounds, compatibilityDate }: { rounds: number; compatibilityDate: string },
): Promise<ColdStartFigure[]> {
  const bindings: Record<string, string> = { COMPATIBILITY_DATE: compatibilityDate };
  scripts.forEach(({ script, vars }, index) => {
    bindings[`S${index}`] = script;
    bindings[`S${index}_VARS`] = JSON.stringify(vars);
  });
  const before = new Set(childPids('workerd'));
  const miniflare = new Miniflare({
    host: '127.0.0.1',
    port: 0,
    workers: [
      {
        name: 'host',
        modules: true,
        script: HOST,
        compatibilityDate,
        bindings,
        workerLoaders: { LOADER: {} },
        unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
      },
    ],
    handleRuntimeStdio(stdout, stderr) {
      stdout.resume();
      stderr.resume();
    },
  });
  try {
    await miniflare.ready;
    const [pid, ...others] = childPids('workerd').filter((p) => !before.has(p));
    if (pid === undefined || others.length > 0) throw new Error('cold start: could not tell which workerd process hosts the isolates');
    const base = (await miniflare.unsafeGetDirectURL('host')).href.replace(/\/$/, '');
    const once = async (index: number, isolate: string) => {
      const started = cpuMs(pid);
      const url = `${base}/?script=S${index}&isolate=${isolate}&path=${encodeURIComponent(request.path)}`;
      const load = await runLoad({
        url,
        headers: request.headers,
        body: request.body,
        concurrency: 1,
        maxRequests: 1,
        maxSeconds: 30,
        expectStatus: 200,
      });
      return { ms: load.latencies[0]!, cpu: cpuMs(pid) - started };
    };
    const samples = scripts.map(() => ({ first: [] as number[], warm: [] as number[], firstCpu: 0, warmCpu: 0 }));
    // One round that is not kept: the host's own first request and the loader's first isolate.
    for (let round = -1; round < rounds; round++) {
      for (const [index, kept] of samples.entries()) {
        const isolate = `${index}-${round}`;
        const first = await once(index, isolate);
        const warm = await once(index, isolate);
        if (round < 0) continue;
        kept.first.push(first.ms);
        kept.warm.push(warm.ms);
        kept.firstCpu += first.cpu;
        kept.warmCpu += warm.cpu;
      }
    }
    return samples.map((kept, index) => ({
      name: scripts[index]!.name,
      firstAnswerMs: percentile(kept.first, 50),
      warmMs: percentile(kept.warm, 50),
      firstAnswerCpuMs: kept.firstCpu / rounds,
      warmCpuMs: kept.warmCpu / rounds,
    }));
  } finally {
    await miniflare.dispose();
  }
}
