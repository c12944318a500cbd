import * as vscode from 'vscode';
import {
  batchCreateAttendeeRequestSchema,
  describeIssues,
  parseSafely,
  summarizeIssues,
  type BatchCreateAttendeeRequest,
  type ChimeApi,
} from '../../shared/index.ts';
import type { Deps } from './deps.ts';
import { describeFailure } from './present/failureText.ts';
import { creationSummary, outcomeLine } from './present/summary.ts';
import { showFailure } from './ui/showFailure.ts';
import { showResults } from './ui/showResults.ts';
import { withCancellableProgress } from './ui/withCancellableProgress.ts';
import { createAttendees } from './workerClient.ts';

export interface Submission {
  meetingId: string;
  api: ChimeApi;
  body: BatchCreateAttendeeRequest;
}

/**
 * Sends the request under a cancellable notification, then shows the results or the failure with
 * its next steps; Retry (or a token set from the failure) sends it again with the current settings.
 */
export async function submitAttendees(deps: Deps, { meetingId, api, body }: Submission): Promise<void> {
  const checked = parseSafely(batchCreateAttendeeRequestSchema({ api }), body);
  if (!checked.success) {
    void vscode.window.showErrorMessage(`Not sent: ${summarizeIssues(describeIssues(checked.issues))}`);
    return;
  }
  const count = body.Attendees.length;
  for (;;) {
    const token = await deps.tokens.get();
    const { workerUrl, timeoutSeconds } = deps.settings.current();
    const target = { baseUrl: workerUrl, token, timeoutMs: timeoutSeconds * 1000 };
    const title = `Creating ${count} attendee${count === 1 ? '' : 's'} in meeting ${meetingId}…`;
    const result = await withCancellableProgress(title, (signal) => createAttendees(target, meetingId, body, signal));
    const level = result.ok || result.failure.kind === 'cancelled' ? 'info' : 'warn';
    deps.log[level](`meeting ${meetingId}: asked for ${count}, ${outcomeLine(result)}`);
    if (result.ok) {
      await deps.recentMeetings.remember(meetingId);
      vscode.window.setStatusBarMessage(`$(check) ${creationSummary(result.value)} in meeting ${meetingId}`, 10_000);
      return showResults(deps, meetingId, result.value);
    }
    const { failure, exchange } = result;
    if (failure.kind === 'cancelled') return;
    if (failure.kind === 'refused' && failure.code === 'NotFoundException') await deps.recentMeetings.forget(meetingId);
    const text = describeFailure(failure, { workerUrl, meetingId, hadToken: token !== undefined, exchange });
    if ((await showFailure(text, deps)) !== 'retry') return;
  }
}
