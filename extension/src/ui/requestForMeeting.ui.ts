import type { Deps } from '../deps.ts';
import { isMeetingNotFound, type WorkerFailure, type WorkerResult, type WorkerTarget } from '../worker/client.ts';
import { describeFailure } from '../worker/failureText.ts';
import { exchangeLine, failureLine } from '../worker/logLines.ts';
import { currentTarget } from '../worker/target.ts';
import { showFailure } from './showFailure.ui.ts';
import { withCancellableProgress } from './withCancellableProgress.ui.ts';

export interface MeetingRequest<T> {
  /** The notification's title while it runs. */
  title: string;
  /** For the log: `listing its attendees`. */
  what: string;
  call(target: WorkerTarget, signal: AbortSignal): Promise<WorkerResult<T>>;
  /** Failures the caller handles itself (nothing is shown for them). */
  handles?(failure: WorkerFailure): boolean;
}

export type MeetingAnswer<T> = { ok: true; value: T } | { ok: false; failure: WorkerFailure };

/**
 * One request about a meeting under a cancellable notification. A failure is shown with its next
 * steps (Retry asks again), and a meeting that is not found is marked as ended in the recent list.
 */
export async function requestForMeeting<T>(deps: Deps, meetingId: string, request: MeetingRequest<T>): Promise<MeetingAnswer<T>> {
  for (;;) {
    const { target, workerUrl, hadToken } = await currentTarget(deps);
    const result = await withCancellableProgress(request.title, (signal) => request.call(target, signal));
    const timing = result.exchange ? ` (${exchangeLine(result.exchange)})` : '';
    if (result.ok) {
      deps.log.info(`meeting ${meetingId}: ${request.what}: done${timing}`);
      return { ok: true, value: result.value };
    }
    const { failure } = result;
    deps.log[failure.kind === 'cancelled' ? 'info' : 'warn'](`meeting ${meetingId}: ${request.what}: ${failureLine(failure)}${timing}`);
    if (failure.kind === 'cancelled' || request.handles?.(failure)) return { ok: false, failure };
    if (isMeetingNotFound(failure)) await deps.recentMeetings.markEnded(meetingId);
    const text = describeFailure(failure, { workerUrl, meetingId, hadToken, exchange: result.exchange });
    if ((await showFailure(text, deps)) !== 'retry') return { ok: false, failure };
  }
}
