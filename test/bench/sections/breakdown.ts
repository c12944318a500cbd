/** Where the worker's own CPU goes: each piece of its path run many times inside one request in workerd. */
import { cpuMs } from '../process-cpu.ts';
import { ms } from '../format.ts';
import { attendeesBody } from '../requests.ts';
import type { Run } from '../run.ts';
import type { CpuFigures } from './cpu.ts';
import { startMeasured, type Targets } from '../targets.ts';
import { bundleLikeWrangler } from '../wrangler-bundle.ts';

export async function breakdownSection(run: Run, targets: Targets, cpu: CpuFigures) {
  const own100 = cpu.own[100]!;
  const job100 = cpu.jobOwn[100]!;
  const script = await bundleLikeWrangler('test/bench/breakdown/worker.ts');
  const { worker, pid } = await startMeasured(run, script, { UPSTREAM_ANSWER: targets.answers.get(100)!.toString('utf8') });
  if (pid === undefined) return;
  const body = attendeesBody(100);
  const pieces = (await (await fetch(worker.url)).json()) as string[];
  /** CPU ms of one call that runs the piece n times. */
  const runPiece = async (piece: string, n: number) => {
    const before = cpuMs(pid);
    const response = await fetch(`${worker.url}/?piece=${encodeURIComponent(piece)}&n=${n}`, { method: 'POST', body });
    if (!response.ok) throw new Error(`breakdown piece ${piece}: ${response.status} ${await response.text()}`);
    await response.text();
    return cpuMs(pid) - before;
  };
  run.say("### Where the worker's own CPU goes (100 attendees)");
  run.say();
  run.say(
    'Each piece of the request path run many times inside one request in workerd, with the same libraries and contract; ' +
      "workerd's CPU time read around it, less a call that runs nothing.",
  );
  run.say();
  run.say('| piece | ms per request |');
  run.say('|---|---|');
  let sum = 0;
  for (const piece of pieces.filter((p) => p !== 'none')) {
    await runPiece(piece, 20);
    // Enough repetitions for at least ~300 ms of CPU: /proc counts in 10 ms ticks.
    let n = 200;
    let spent = (await runPiece(piece, n)) - (await runPiece('none', n));
    while (spent < 300 && n < 200_000) {
      n = Math.min(200_000, Math.ceil((n * 400) / Math.max(spent, 10)));
      spent = (await runPiece(piece, n)) - (await runPiece('none', n));
    }
    const each = Math.max(0, spent / n);
    sum += each;
    run.say(`| ${piece} | ${each < 0.005 ? '< 0.01' : ms(each, 3)} |`);
  }
  run.say(
    "| the rest of the bare job (Request and Response objects, the fetch, merging): the job alone's own " +
      `${ms(job100)} ms less the pieces above | ${ms(job100 - sum, 2)} |`,
  );
  run.say(
    "| what the Worker adds to the bare job (Hono, middleware, retries, pacing, request IDs, headers): the worker's own " +
      `${ms(own100)} ms less the job alone's | ${ms(own100 - job100, 2)} |`,
  );
  run.say();
}
