import { workerFromEnvironment, type WorkerWithMeeting } from '../../../support/worker-under-test.ts';
import { startFakeWorker } from './fakeWorker.ts';
import { startRealWorker } from './realWorker.ts';

/** A worker to run the client's contract tests against: any base URL, token and live meeting will do. */
export interface NamedTarget {
  name: string;
  start(): Promise<WorkerWithMeeting>;
}

/** The fake, the real worker app in-process, and (when the environment names one) an external worker. */
export function workerTargets(env = process.env): NamedTarget[] {
  const targets: NamedTarget[] = [
    { name: 'fake worker', start: () => startFakeWorker() },
    { name: 'worker app + emulator in-process', start: () => startRealWorker() },
  ];
  const named = workerFromEnvironment(env);
  if (named) targets.push({ name: `worker at ${named.url}`, start: async () => named });
  return targets;
}
