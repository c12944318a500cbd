import type { Deps } from '../deps.ts';
import { isMeetingNotFound, type Exchange, type WorkerFailure, type WorkerResult, type WorkerTarget } from '../worker/client.ts';
import { describeFailure } from '../worker/failureText.ts';
import { exchangeLine, failureLine } from '../worker/logLines.ts';
import { showFailure } from './showFailure.ui.ts';
import { withCancellableProgress, type ProgressReport } from './withCancellableProgress.ui.ts';

/** How a request ended: with its value, or with the failure it stopped at (cancelled, handled, or shown). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; failure: WorkerFailure; exchange?: Exchange | undefined };

export interface Request<T> {
  /** The notification's title while it runs. */
  title: string;
  meetingId: string;
  /** One try, against the worker as the settings and the token store say now; it logs its own outcome. */
  attempt(target: WorkerTarget, signal: AbortSignal, progress: ProgressReport): Promise<Outcome<T>>;
  /** Failures the caller handles itself (nothing is shown for them). */
  handles?(failure: WorkerFailure): boolean;
}

/**
 * A request under a cancellable notification. A failure is shown with its next steps, and Retry (or a
 * token set from the failure) tries again with the current settings; a meeting that is not found is
 * marked as ended in the recent list.
 */
export async function request<T>(deps: Deps, { title, meetingId, attempt, handles }: Request<T>): Promise<Outcome<T>> {
  for (;;) {
    const { target, workerUrl, hadToken } = await currentTarget(deps);
    const outcome = await withCancellableProgress(title, (signal, progress) => attempt(target, signal, progress));
    if (outcome.ok) return outcome;
    const { failure, exchange } = outcome;
    if (failure.kind === 'cancelled' || handles?.(failure)) return outcome;
    if (isMeetingNotFound(failure)) await deps.recentMeetings.markEnded(meetingId);
    if ((await showFailure(describeFailure(failure, { workerUrl, meetingId, hadToken, exchange }), deps)) !== 'retry') return outcome;
  }
}

/** The worker as the settings and the token store say now: read afresh for every try. */
async function currentTarget({ tokens, settings }: Deps) {
  const token = await tokens.get();
  const { workerUrl, timeoutSeconds } = settings.current();
  return { target: { baseUrl: workerUrl, token, timeoutMs: timeoutSeconds * 1000 }, workerUrl, hadToken: token !== undefined };
}

export interface MeetingRequest<T> {
  title: string;
  /** For the log: `listing its attendees`. */
  what: string;
  call(target: WorkerTarget, signal: AbortSignal): Promise<WorkerResult<T>>;
  handles?(failure: WorkerFailure): boolean;
}

/** One worker call about a meeting, as a request, logged as `meeting …: listing its attendees: done (HTTP 200 in …)`. */
export function requestForMeeting<T>(deps: Deps, meetingId: string, meetingRequest: MeetingRequest<T>): Promise<Outcome<T>> {
  const { title, what, call, handles } = meetingRequest;
  const attempt = async (target: WorkerTarget, signal: AbortSignal) => {
    const result = await call(target, signal);
    const timing = result.exchange ? ` (${exchangeLine(result.exchange)})` : '';
    const line = `meeting ${meetingId}: ${what}: ${result.ok ? 'done' : failureLine(result.failure)}${timing}`;
    deps.log[result.ok || result.failure.kind === 'cancelled' ? 'info' : 'warn'](line);
    return result;
  };
  return request(deps, { title, meetingId, attempt, handles });
}
