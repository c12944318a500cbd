import { startFakeWorker } from './fakeWorker.ts';
import { startRealWorker } from './realWorker.ts';

/** A worker to run the client's contract tests against: any base URL, token and live meeting will do. */
export interface WorkerTarget {
  url: string;
  token: string;
  /** A token that may create and delete but not read, when the target has one. */
  noReadToken?: string | undefined;
  meetingId: string;
  /** When known, the emulator behind the worker, to check that attendees really exist. */
  emulatorUrl?: string | undefined;
  close?(): Promise<void>;
}

export interface NamedTarget {
  name: string;
  start(): Promise<WorkerTarget>;
}

/** The fake, the real worker app in-process, and (when the environment names one) an external worker. */
export function workerTargets(env = process.env): NamedTarget[] {
  const targets: NamedTarget[] = [
    { name: 'fake worker', start: () => startFakeWorker() },
    { name: 'worker app + emulator in-process', start: () => startRealWorker() },
  ];
  const { CHIME_TEST_WORKER_URL: url, CHIME_TEST_TOKEN: token, CHIME_TEST_MEETING_ID: meetingId } = env;
  if (url && token && meetingId) {
    targets.push({
      name: `worker at ${url}`,
      start: async () => ({ url, token, meetingId, noReadToken: env.CHIME_TEST_NO_READ_TOKEN, emulatorUrl: env.CHIME_TEST_EMULATOR_URL }),
    });
  }
  return targets;
}
