/**
 * The workers measured side by side, each in a workerd process of its own (told apart by its pid, for its CPU
 * time): the pass-through floor with its canned upstream, the Worker, the SDK baseline, and the job alone.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOCAL_CREDENTIALS } from '../emulator/defaults.ts';
import type { Emulator } from '../emulator/server.ts';
import { PACE_OUT_OF_THE_WAY } from '../tools/pace.ts';
import { bundleWorker, startWorkers, type WorkerProcess } from '../tools/worker-process.ts';
import type { ColdStartScript } from './cold-start.ts';
import { childPids } from './process-cpu.ts';
import { attendeesList, createMeeting, signedHeaders } from './requests.ts';
import type { Run } from './run.ts';
import { bundleLikeWrangler } from './wrangler-bundle.ts';

export const TOKEN = 'bench-token-0123456789';
export const bearer = () => ({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' });
export const attendeesPath = (meetingId: string) => `/meetings/${meetingId}/attendees`;

export interface Target {
  name: string;
  url: string;
  /** The workerd process serving it, for its CPU time; undefined for the emulator itself. */
  pid?: number;
  expectStatus: number;
  headers: (meetingId: string, body: string) => Promise<Record<string, string>> | Record<string, string>;
  path: (meetingId: string) => string;
  close(): Promise<void>;
}

export interface Targets {
  passthrough: Target;
  worker: Target;
  sdk: Target;
  /** The bare job with the same libraries and contract, no framework or product around it (test/bench/job-alone). */
  jobAlone: Target;
  /** Amazon Chime's answers for 100 and 250 attendees, as the emulator gave them. */
  answers: Map<number, Buffer>;
  /** The four scripts and their bindings, for fresh isolates of each. */
  scripts: ColdStartScript[];
}

export function workerVars(endpoint: string): Record<string, string> {
  return {
    CHIME_API: 'chime-sdk-meetings',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    CHIME_ENDPOINT: endpoint,
    API_TOKENS: TOKEN,
    // The emulator does not throttle here, and the figures are of the worker's own work, not of waits for slots.
    ...PACE_OUT_OF_THE_WAY,
  };
}

/** Starts a worker in its own workerd process and finds that process, for its CPU time. */
export async function startMeasured(
  run: Run,
  script: string,
  vars: Record<string, string>,
  sharedPacer = false,
): Promise<{ worker: WorkerProcess; pid: number | undefined }> {
  const before = new Set(childPids('workerd'));
  const group = await startWorkers(vars, { script, sharedPacer });
  const worker = { url: group.urls[0]!, close: group.close };
  run.onClose(() => worker.close());
  const fresh = childPids('workerd').filter((pid) => !before.has(pid));
  for (const pid of fresh) run.workerdPids.add(pid);
  return { worker, pid: fresh.length === 1 ? fresh[0] : undefined };
}

/** A measured worker that takes `POST /meetings/{MeetingId}/attendees` with the bench's token. */
export async function startAttendeesTarget(run: Run, name: string, script: string, vars: Record<string, string>, sharedPacer = false) {
  const { worker, pid } = await startMeasured(run, script, vars, sharedPacer);
  const target: Target = {
    name,
    url: worker.url,
    pid,
    expectStatus: 200,
    headers: bearer,
    path: attendeesPath,
    close: () => worker.close(),
  };
  return target;
}

export async function startTargets(run: Run, emulator: Emulator): Promise<Targets> {
  const vars = workerVars(emulator.url);
  const canned = await startCannedUpstream(run, emulator);
  const scripts: ColdStartScript[] = [
    {
      name: 'pass-through worker (floor)',
      script: await bundleLikeWrangler('test/bench/passthrough/worker.ts'),
      vars: { CHIME_ENDPOINT: canned.url },
    },
    { name: '**the Worker**', script: await bundleWorker(), vars },
    { name: 'SDK baseline worker', script: await bundleLikeWrangler('test/bench/baseline/worker.ts'), vars },
    { name: 'the job alone (no framework)', script: await bundleLikeWrangler('test/bench/job-alone/worker.ts'), vars },
  ];
  // One after another: each process is told apart by the workerd processes that were there before it.
  const started: Target[] = [];
  for (const { name, script, vars: env } of scripts) started.push(await startAttendeesTarget(run, name, script, env));
  const [passthrough, worker, sdk, jobAlone] = started as [Target, Target, Target, Target];
  return { passthrough, worker, sdk, jobAlone, answers: canned.answers, scripts };
}

/**
 * The pass-through worker's upstream: answers every call at once with a BatchCreateAttendee answer the
 * emulator gave earlier for as many attendees as the call holds, so the floor moves the same bytes in and
 * out of workerd as the real worker does, minus the work of validating, signing, parsing and merging.
 */
async function startCannedUpstream(run: Run, emulator: Emulator): Promise<{ url: string; answers: Map<number, Buffer> }> {
  const answers = new Map<number, Buffer>();
  for (const size of [100, 250]) {
    // The emulator takes at most 100 per call: stitch the answers of the calls together.
    const meetingId = await createMeeting(emulator);
    const attendees: unknown[] = [];
    for (let from = 0; from < size; from += 100) {
      const part = JSON.stringify({ Attendees: attendeesList(Math.min(100, size - from), from) });
      const path = attendeesPath(meetingId);
      const response = await fetch(`${emulator.url}${path}?operation=batch-create`, {
        method: 'POST',
        headers: await signedHeaders(emulator.url, path, part),
        body: part,
      });
      if (!response.ok) throw new Error(`capturing an emulator answer failed: ${response.status} ${await response.text()}`);
      attendees.push(...((await response.json()) as { Attendees: unknown[] }).Attendees);
    }
    answers.set(size, Buffer.from(JSON.stringify({ Attendees: attendees, Errors: [] })));
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const count = Buffer.concat(chunks).toString('latin1').split('"ExternalUserId"').length - 1;
      const answer = answers.get(count);
      if (!answer) return void res.writeHead(400).end(`no canned answer for ${count} attendees`);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length }).end(answer);
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  run.onClose(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, answers };
}
