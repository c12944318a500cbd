import * as vscode from 'vscode';
import type { ChimeApi } from '../../../shared/index.ts';
import type { Deps } from '../deps.ts';
import { checkWorker } from '../worker/apiFlavor.ts';
import { describeFailure } from '../worker/failureText.ts';
import { showFailure } from './showFailure.ui.ts';

const SET_TOKEN = 'Set Worker Token';

/**
 * Before a command asks anything: is a token set, and does the worker answer? Both are known in a
 * moment, so the person hears at once, with the button that fixes it (Set Worker Token; Retry or Open
 * Settings), rather than after every step. Resolves to the worker's Chime API, or undefined to stop.
 */
export async function whenWorkerReady(deps: Deps): Promise<ChimeApi | undefined> {
  for (;;) {
    const [token, health] = await Promise.all([deps.tokens.get(), checkWorker(deps)]);
    const { workerUrl } = deps.settings.current();
    if (!health.ok) {
      if (health.failure.kind === 'cancelled') return undefined;
      const text = describeFailure(health.failure, { workerUrl, meetingId: '', hadToken: token !== undefined, exchange: health.exchange });
      if ((await showFailure(text, deps)) === 'retry') continue;
      return undefined;
    }
    if (token !== undefined) return health.value.api;
    const message = `No worker token is set: the worker at ${workerUrl} needs one. Set it, then go on.`;
    const set = (await vscode.window.showErrorMessage(message, SET_TOKEN)) === SET_TOKEN;
    if (!set || !(await vscode.commands.executeCommand<boolean>('chimeAttendees.setToken'))) return undefined;
  }
}
