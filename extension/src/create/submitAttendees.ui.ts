import * as vscode from 'vscode';
import {
  batchCreateAttendeeRequestSchema,
  describeIssues,
  parseSafely,
  summarizeIssues,
  type BatchCreateAttendeeRequest,
  type BatchCreateAttendeeResponse,
  type ChimeApi,
  type Meeting,
} from '../../../shared/index.ts';
import type { Deps } from '../deps.ts';
import { slotsLogLine, wontFitMessage } from '../meeting/slots.ts';
import { plural } from '../plural.ts';
import { showFailure } from '../ui/showFailure.ui.ts';
import { withCancellableProgress } from '../ui/withCancellableProgress.ui.ts';
import { createAttendees, isForbidden, isMeetingNotFound, type WorkerResult } from '../worker/client.ts';
import { describeFailure } from '../worker/failureText.ts';
import { failureLine } from '../worker/logLines.ts';
import { currentTarget } from '../worker/target.ts';
import { checkMeeting, type MeetingCheck } from './checkMeeting.ts';
import { creationSummary, outcomeLine } from './creationText.ts';
import { meetingSource } from './meetingSource.ui.ts';
import { showResults } from './showResults.ui.ts';

export interface Submission {
  meetingId: string;
  api: ChimeApi;
  body: BatchCreateAttendeeRequest;
}

/** The check is a courtesy: it never holds a request up for long. */
const CHECK_TIMEOUT_MS = 10_000;

export const DELETE_FIRST = 'Delete Test Attendees…';
export const CREATE_ANYWAY = 'Create Anyway';

/** What one pass under the notification did: checked the meeting, and created unless the check stopped it. */
interface Pass {
  check?: MeetingCheck | undefined;
  result?: WorkerResult<BatchCreateAttendeeResponse> | undefined;
}

/**
 * Checks the meeting (live? room for the new attendees?), sends the request under a cancellable
 * notification, then shows the results or the failure with its next steps; Retry (or a token set from
 * the failure) sends it again with the current settings. A request that would not fit is not sent
 * unless the person says so, or deletes test attendees first.
 */
export async function submitAttendees(deps: Deps, { meetingId, api, body }: Submission): Promise<void> {
  const checked = parseSafely(batchCreateAttendeeRequestSchema({ api }), body);
  if (!checked.success) {
    void vscode.window.showErrorMessage(`Not sent: ${summarizeIssues(describeIssues(checked.issues))}`);
    return;
  }
  const count = body.Attendees.length;
  const requested = body.Attendees.map((attendee) => attendee.ExternalUserId);
  let skipCheck = false;
  let saidUnchecked = false;
  let meeting: Meeting | undefined;
  for (;;) {
    const { target, workerUrl, hadToken } = await currentTarget(deps);
    const title = `Creating ${plural(count, 'attendee')} in meeting ${meetingId}…`;
    const pass = await withCancellableProgress(title, async (signal, progress): Promise<Pass> => {
      let check: MeetingCheck | undefined;
      if (!skipCheck) {
        progress.report({ message: 'checking the meeting and its free slots' });
        check = await checkMeeting({ ...target, timeoutMs: Math.min(target.timeoutMs, CHECK_TIMEOUT_MS) }, meetingId, requested, signal);
        if (check.kind === 'cancelled' || check.kind === 'notFound' || (check.kind === 'checked' && !check.slots.fits)) return { check };
        progress.report({ message: 'creating' });
      }
      return { check, result: await createAttendees(target, meetingId, body, signal) };
    });
    const { check, result } = pass;
    if (check) logCheck(deps, meetingId, check);
    if (check?.kind === 'checked' || check?.kind === 'unchecked') meeting = check.meeting ?? meeting;
    if (check?.kind === 'cancelled') return deps.log.info(`meeting ${meetingId}: asked for ${count}, cancelled`);
    if (check?.kind === 'notFound') {
      deps.log.warn(`meeting ${meetingId}: asked for ${count}, not sent: the meeting was not found`);
      await deps.recentMeetings.markEnded(meetingId);
      await showFailure(describeFailure(check.failure, { workerUrl, meetingId, hadToken }), deps);
      return;
    }
    if (check?.kind === 'checked' && !check.slots.fits) {
      const choice = await vscode.window.showWarningMessage(wontFitMessage(meetingId, check.slots), { modal: true }, DELETE_FIRST, CREATE_ANYWAY);
      if (choice === DELETE_FIRST) await vscode.commands.executeCommand('chimeAttendees.deleteTestAttendees', meetingId);
      else if (choice === CREATE_ANYWAY) skipCheck = true;
      else return deps.log.info(`meeting ${meetingId}: asked for ${count}, not sent: it would not fit`);
      continue;
    }
    if (check?.kind === 'unchecked' && isForbidden(check.failure) && !saidUnchecked) {
      // Creating needs only `create`: a token that may not read is told, not stopped.
      saidUnchecked = true;
      void vscode.window.showInformationMessage(
        `Could not check meeting ${meetingId} for free slots (ForbiddenException: ${check.failure.message}); creating the attendees without checking.`,
      );
    }
    if (!result) return;
    const level = result.ok || result.failure.kind === 'cancelled' ? 'info' : 'warn';
    deps.log[level](`meeting ${meetingId}: asked for ${count}, ${outcomeLine(result)}`);
    if (result.ok) {
      await deps.recentMeetings.remember(meetingId);
      vscode.window.setStatusBarMessage(`$(check) ${creationSummary(result.value)} in meeting ${meetingId}`, 10_000);
      return showResults(deps, meetingId, result.value, meetingSource(deps, meetingId, meeting));
    }
    const { failure, exchange } = result;
    if (failure.kind === 'cancelled') return;
    if (isMeetingNotFound(failure)) await deps.recentMeetings.markEnded(meetingId);
    const text = describeFailure(failure, { workerUrl, meetingId, hadToken, exchange });
    if ((await showFailure(text, deps)) !== 'retry') return;
  }
}

function logCheck(deps: Deps, meetingId: string, check: MeetingCheck): void {
  if (check.kind === 'checked') deps.log.info(`meeting ${meetingId}: ${slotsLogLine(check.slots)}`);
  else if (check.kind === 'unchecked') deps.log.warn(`meeting ${meetingId}: could not check its slots, ${failureLine(check.failure)}; creating without checking`);
}
