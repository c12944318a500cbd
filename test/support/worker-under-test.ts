import { createHash } from 'node:crypto';
import { emulatorControl, type EmulatorControl } from './emulator-control.ts';

/**
 * A worker the suites call over HTTP, however it runs: the app served in this process, under wrangler dev,
 * a stand-in, or a worker named by the environment.
 */
export interface WorkerUnderTest {
  url: string;
  /** A bearer token that may do everything. */
  token: string;
  /** A token that may create and delete but not read, when the worker has one. */
  noReadToken?: string | undefined;
  /** The emulator behind the worker, when this process can reach one. */
  emulator?: EmulatorControl | undefined;
  /** Stops what was started for it (nothing, for a worker named by the environment). */
  close(): Promise<void>;
}

/** A worker under test whose emulator this process reaches: one it started. */
export interface WorkerWithEmulator extends WorkerUnderTest {
  emulator: EmulatorControl;
}

/** A worker under test with a live meeting to work in: what the extension's suites are given. */
export interface WorkerWithMeeting extends WorkerUnderTest {
  meetingId: string;
}

/** API_TOKENS_JSON for a token that may create and delete but not read (an entry holds its SHA-256). */
export function noReadTokenConfig(token: string): string {
  return JSON.stringify([{ name: 'no-read', sha256: createHash('sha256').update(token).digest('hex'), operations: ['create', 'delete'] }]);
}

/**
 * The worker named by CHIME_TEST_WORKER_URL, CHIME_TEST_TOKEN and CHIME_TEST_MEETING_ID (with
 * CHIME_TEST_NO_READ_TOKEN and CHIME_TEST_EMULATOR_URL when it has them); undefined unless all three are set.
 */
export function workerFromEnvironment(env: NodeJS.ProcessEnv): WorkerWithMeeting | undefined {
  const { CHIME_TEST_WORKER_URL: url, CHIME_TEST_TOKEN: token, CHIME_TEST_MEETING_ID: meetingId } = env;
  if (!url || !token || !meetingId) return undefined;
  const emulatorUrl = env.CHIME_TEST_EMULATOR_URL;
  return {
    url,
    token,
    noReadToken: env.CHIME_TEST_NO_READ_TOKEN,
    meetingId,
    emulator: emulatorUrl ? emulatorControl(emulatorUrl) : undefined,
    close: async () => {},
  };
}

/** The variables that name this worker to another process, as workerFromEnvironment reads them. */
export function environmentFor(worker: WorkerWithMeeting): Record<string, string> {
  return {
    CHIME_TEST_WORKER_URL: worker.url,
    CHIME_TEST_TOKEN: worker.token,
    CHIME_TEST_MEETING_ID: worker.meetingId,
    ...(worker.noReadToken ? { CHIME_TEST_NO_READ_TOKEN: worker.noReadToken } : {}),
    ...(worker.emulator ? { CHIME_TEST_EMULATOR_URL: worker.emulator.url } : {}),
  };
}
