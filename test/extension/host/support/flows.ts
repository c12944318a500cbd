import { setSetting } from './extension.ts';
import { runCommand } from './session.ts';
import { accept, message } from './steps.ts';
import type { WorkerUnderTest } from '../../../support/worker-under-test.ts';

/** The token the extension sends from now on (the suites share one secret store); the worker accepts it and says what it may do. */
export async function useToken(token: string): Promise<void> {
  await runCommand('chimeAttendees.setToken', [accept(token), message()]);
}

/** Points the extension at the worker under test and stores its token, as a person would first do. */
export async function connectTo(worker: WorkerUnderTest): Promise<void> {
  await setSetting('workerUrl', worker.url);
  await useToken(worker.token);
}

/** Runs `work` with another token set, and the worker's own token back afterwards. */
export async function withToken<T>(worker: WorkerUnderTest, token: string, work: () => Promise<T>): Promise<T> {
  await useToken(token);
  try {
    return await work();
  } finally {
    await useToken(worker.token);
  }
}

/** Items of a seen quick pick that start with the text. */
export const itemsStartingWith = (items: string[] | undefined, start: string) => (items ?? []).filter((item) => item.startsWith(start));
