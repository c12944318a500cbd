/** f. Hostile bodies: what the largest and strangest bodies cost the Worker, and how large its answers get. */
import { LIMITS } from '../../../shared/index.ts';
import type { Emulator } from '../../emulator/server.ts';
import { kb, ms } from '../format.ts';
import { GOALS } from '../goals.ts';
import { measureHostileBodies } from '../hostile.ts';
import { createMeeting } from '../requests.ts';
import type { Run } from '../run.ts';
import { TOKEN, type Targets } from '../targets.ts';

export async function hostileSection(run: Run, emulator: Emulator, { worker }: Targets) {
  if (worker.pid === undefined) return;
  const requests = 100;
  const figures = await measureHostileBodies({ url: worker.url, pid: worker.pid, token: TOKEN }, await createMeeting(emulator), requests);
  run.say('## f. Hostile bodies');
  run.say();
  run.say(
    '| body | KiB | status | answers read | answer bytes | issues listed | workerd CPU ms/req | JSON.parse alone ms (Node, this process) |',
  );
  run.say('|---|---|---|---|---|---|---|---|');
  for (const f of figures) {
    const row = [f.name, kb(f.bodyBytes), f.status, `${f.answered}/${requests}`, f.answerBytes, f.issues, ms(f.cpu, 2), ms(f.parseMs, 1)];
    run.say(`| ${row.join(' | ')} |`);
  }
  run.say();
  const largest = Math.max(...figures.map((f) => f.answerBytes));
  const costliest = figures.reduce((a, b) => (b.cpu > a.cpu ? b : a));
  const { hostileAnswerKib, hostileCpuMs } = GOALS;
  const answerGoal = run.goal(
    `f. every hostile answer ≤ ${hostileAnswerKib} KiB`,
    `${largest} bytes at most`,
    largest <= hostileAnswerKib * 1024,
  );
  const cpuText = `${ms(costliest.cpu, 2)} ms (${costliest.name})`;
  const cpuGoal = run.goal(`f. ≤ ${hostileCpuMs} ms of workerd CPU for any body up to 4 MiB`, cpuText, costliest.cpu <= hostileCpuMs);
  run.say(
    `Each body sent once for its answer, then ${requests} times one after another to the Worker in its own workerd process ` +
      `(CPU from /proc, 10 ms resolution, so ±${ms(10 / requests, 1)} ms a request), on one kept-alive connection. ` +
      `A body over ${LIMITS.requestBodyBytes / 1024} KiB is refused with 413 unparsed, read to its end first when it is at most ` +
      '4 MiB so that the client reads the answer ("answers read"), not a reset; each of those is sent on a connection of its own, ' +
      'whose cost is in its row. ' +
      'A pass over the bytes of a smaller body ' +
      `refuses it before JSON.parse if it nests deeper than ${LIMITS.jsonDepth} levels or holds more than ${LIMITS.jsonValues} values, ` +
      `and validation checks a list's length before its items and lists at most ${LIMITS.issuesListed} issues, so what is left is ` +
      'reading, scanning and parsing at most the bound: it grows with the size and with the number of distinct field names. ' +
      `Goal: every answer ≤ ${hostileAnswerKib} KiB: at most ${largest} bytes, ${answerGoal}. ` +
      `Goal ≤ ${hostileCpuMs} ms of CPU for any body up to 4 MiB: ${cpuText}, ${cpuGoal}.`,
  );
  run.say();
}
