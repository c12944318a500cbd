/**
 * b2. What a test meeting with a whole meeting's attendees costs: `POST /meetings` with 250 attendees (one
 * CreateMeeting, then three BatchCreateAttendee calls), beside the same 250 into a meeting that exists and
 * the floor, in interleaved rounds. The new meetings go to an emulator of their own, emptied after each round.
 */
import { startEmulator, type Emulator } from '../../emulator/server.ts';
import { percentile } from '../../load/stats.ts';
import { bundleWorker } from '../../tools/worker-process.ts';
import { ms } from '../format.ts';
import { bestOfRounds, check, lessCpu, measure } from '../measure.ts';
import { attendeesBody, attendeesList, createMeeting } from '../requests.ts';
import type { Run } from '../run.ts';
import { startMeasured, workerVars, type Target, type Targets } from '../targets.ts';

/** Each POST /meetings makes a meeting of 250 attendees in the emulator: a bound on how many a round holds. */
const MEETINGS_PER_ROUND = 600;

interface Row {
  target: Target;
  meetingId: string;
  body: string;
  maxRequests: number;
}

export async function meetingsSection(run: Run, emulator: Emulator, targets: Targets) {
  const { concurrency, seconds, rounds } = run.options;
  const size = 250;
  const own = await startEmulator();
  run.onClose(() => own.close());
  const { worker, pid } = await startMeasured(run, await bundleWorker(), workerVars(own.url));
  const meetings: Target = {
    ...targets.worker,
    name: '**the Worker**, `POST /meetings` (CreateMeeting, then 3 BatchCreateAttendee calls)',
    url: worker.url,
    pid,
    path: () => '/meetings',
    close: () => worker.close(),
  };
  const attendees: Target = { ...targets.worker, name: 'the Worker, `POST /meetings/{MeetingId}/attendees` (3 BatchCreateAttendee calls)' };
  const rows: Row[] = [
    { target: targets.passthrough, meetingId: await createMeeting(emulator), body: attendeesBody(size), maxRequests: 20_000 },
    { target: attendees, meetingId: await createMeeting(emulator), body: attendeesBody(size), maxRequests: 20_000 },
    {
      target: meetings,
      meetingId: '',
      body: JSON.stringify({ ExternalMeetingId: 'bench', Attendees: attendeesList(size) }),
      maxRequests: MEETINGS_PER_ROUND,
    },
  ];
  for (const row of rows) await check(row.target, row.meetingId, row.body, size);
  const rowOf = new Map(rows.map((row) => [row.target, row]));
  const once = (target: Target) => {
    const { meetingId, body, maxRequests } = rowOf.get(target)!;
    return measure(target, meetingId, body, { concurrency, seconds, maxRequests });
  };
  const best = await bestOfRounds([...rowOf.keys()], rounds, once, lessCpu, () => own.reset({ meetings: true }));
  const floor = best.get(targets.passthrough)!.cpu;
  run.say('### b2. `POST /meetings` with 250 attendees');
  run.say();
  run.say(
    `The same measurement as above (${concurrency} connections, ${seconds} s per row and round, ` +
      `at most ${MEETINGS_PER_ROUND} meetings a round, ${rounds} rounds interleaved, each row its least CPU): ` +
      `a new meeting and its ${size} attendees in one request, beside the same ${size} into a meeting that exists, and the floor.`,
  );
  run.say();
  run.say("| path | requests | req/s | p50 ms | workerd CPU ms/req | the worker's own CPU ms/req |");
  run.say('|---|---|---|---|---|---|');
  for (const { target } of rows) {
    const m = best.get(target)!;
    const mine = target === targets.passthrough ? '—' : ms(m.cpu - floor);
    run.say(`| ${target.name} | ${m.requests} | ${m.rps.toFixed(0)} | ${ms(percentile(m.latencies, 50), 1)} | ${ms(m.cpu)} | ${mine} |`);
  }
  run.say();
  const added = best.get(meetings)!.cpu - best.get(attendees)!.cpu;
  run.say(
    `Making the meeting first (its CreateMeeting call and answer, the body's fields) adds ${ms(added)} ms of CPU to the same ${size}.`,
  );
  run.say();
}
