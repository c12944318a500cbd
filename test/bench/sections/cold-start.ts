/** g. Cold start: fresh isolates of the floor, the job alone, the Worker and the SDK baseline, to their first answer. */
import type { Emulator } from '../../emulator/server.ts';
import { compatibilityDate } from '../../tools/worker-process.ts';
import { measureColdStarts, type ColdStartScript } from '../cold-start.ts';
import { ms, percent } from '../format.ts';
import { GOALS } from '../goals.ts';
import { attendeesBody, createMeeting } from '../requests.ts';
import type { Run } from '../run.ts';
import { attendeesPath, bearer, type Targets } from '../targets.ts';

export async function coldStartSection(run: Run, emulator: Emulator, { scripts }: Targets) {
  const { isolates } = run.options;
  const size = 100;
  const [floor, worker, sdk, job] = scripts as [ColdStartScript, ColdStartScript, ColdStartScript, ColdStartScript];
  // workerd as run here writes console output to stdout through a formatting module it compiles on an isolate's first log.
  const quiet = { ...worker, name: 'the Worker, its log line not written', script: `console.log = () => {};\n${worker.script}` };
  const request = { path: attendeesPath(await createMeeting(emulator)), headers: bearer(), body: attendeesBody(size) };
  const figures = await measureColdStarts([floor, job, worker, quiet, sdk], request, {
    rounds: isolates,
    compatibilityDate: compatibilityDate(),
  });
  run.say('## g. Cold start');
  run.say();
  run.say(
    `${isolates} fresh isolates of each script, made one after another by workerd's Worker Loader in one workerd process, interleaved; ` +
      'each under a new name and with a source no isolate had before (its name in a comment), so nothing compiled or run ' +
      'for an earlier one helps it. Node times one request through a small host worker that loads the isolate and hands it ' +
      `the request (POST ${size} attendees, as above; the pass-through worker to its canned upstream): workerd makes the isolate, ` +
      'compiles and evaluates the script, and the Worker sets itself up and runs cold. The same request to the same isolate again ' +
      "is the warm column. CPU is the workerd process's, per request. " +
      "workerd as it runs here writes console output to stdout through a formatting module it compiles on an isolate's first log; " +
      'the row without the log line shows what that costs the Worker (the SDK baseline writes no log).',
  );
  run.say();
  run.say('| script | first answer, ms (p50) | warm, ms (p50) | what starting added, ms | CPU ms, first answer | CPU ms, warm |');
  run.say('|---|---|---|---|---|---|');
  for (const f of figures) {
    const added = ms(f.firstAnswerMs - f.warmMs, 1);
    run.say(
      `| ${f.name} | ${ms(f.firstAnswerMs, 1)} | ${ms(f.warmMs, 1)} | ${added} | ${ms(f.firstAnswerCpuMs, 1)} | ${ms(f.warmCpuMs, 1)} |`,
    );
  }
  run.say();
  const [bare, mine, theirs] = [figures[1]!, figures[2]!, figures[4]!];
  const share = mine.firstAnswerMs / theirs.firstAnswerMs;
  const measured = `${ms(mine.firstAnswerMs, 1)} ms against ${ms(theirs.firstAnswerMs, 1)} ms (${percent(share)})`;
  const { coldStartShareOfSdk } = GOALS;
  const text = `g. the Worker's first answer from a fresh isolate ≤ ${percent(coldStartShareOfSdk)} of the SDK baseline's`;
  const met = run.goal(text, measured, share <= coldStartShareOfSdk);
  run.say(
    `Goal: a fresh isolate's first answer in at most ${percent(coldStartShareOfSdk)} of the SDK baseline's time: ${measured}, ${met}. ` +
      `The job alone's first answer takes ${percent(bare.firstAnswerMs / theirs.firstAnswerMs)} of the SDK baseline's.`,
  );
  run.say();
}
