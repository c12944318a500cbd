import * as vscode from 'vscode';
import {
  batchCreateAttendeeRequestSchema,
  describeIssues,
  parseSafely,
  summarizeIssues,
  type BatchCreateAttendeeRequest,
  type BatchCreateAttendeeResponse,
  type ChimeApi,
  type ListedAttendee,
  type Meeting,
} from '../../../shared/index.ts';
import type { Deps } from '../deps.ts';
import { slotsLogLine, thatFit, wontFitChoices, wontFitMessage, type SlotCheck, type WontFitChoice } from '../meeting/slots.ts';
import { plural } from '../plural.ts';
import { request, type Outcome } from '../ui/request.ui.ts';
import type { ProgressReport } from '../ui/withCancellableProgress.ui.ts';
import { createAttendees, isForbidden, type WorkerTarget } from '../worker/client.ts';
import { failureLine } from '../worker/logLines.ts';
import { checkMeeting } from './checkMeeting.ts';
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

const CHOICE_LABELS: Record<WontFitChoice, (slots: SlotCheck) => string> = {
  deleteFirst: () => 'Delete Test Attendees…',
  createFitting: (slots) => `Create the ${slots.free} that fit`,
  createAnyway: () => 'Create Anyway',
};

/** What a try did: created the attendees, or stopped before sending them because they would not fit. */
type Created = { created: BatchCreateAttendeeResponse } | { wontFit: SlotCheck };

interface Options {
  /** "Create Anyway": no check before creating. */
  skipCheck?: boolean;
  /** The meeting as read by an earlier check, for join info. */
  meeting?: Meeting | undefined;
  /** Its attendees as an earlier check listed them: those asked for again are shown as already present. */
  listed?: readonly ListedAttendee[] | undefined;
}

/** What the tries of one submission learn: the meeting and its attendees as last read, and whether the person heard it went unchecked. */
interface Learned {
  meeting: Meeting | undefined;
  listed: readonly ListedAttendee[] | undefined;
  toldUnchecked: boolean;
}

/**
 * Checks the meeting (live? room for the new attendees?), sends the request under a cancellable
 * notification, then shows the results or the failure with its next steps; Retry (or a token set from
 * the failure) sends it again with the current settings. A request that would not fit is not sent
 * unless the person says so, or deletes test attendees first.
 */
export async function submitAttendees(deps: Deps, submission: Submission, options: Options = {}): Promise<void> {
  const { meetingId, api, body } = submission;
  const checked = parseSafely(batchCreateAttendeeRequestSchema({ api }), body);
  if (!checked.success) {
    void vscode.window.showErrorMessage(`Not sent: ${summarizeIssues(describeIssues(checked.issues))}`);
    return;
  }
  const learned: Learned = { meeting: options.meeting, listed: options.listed, toldUnchecked: false };
  const attempt = async (target: WorkerTarget, signal: AbortSignal, progress: ProgressReport): Promise<Outcome<Created>> => {
    if (!options.skipCheck) {
      progress.report({ message: 'checking the meeting and its free slots' });
      const quick = { ...target, timeoutMs: Math.min(target.timeoutMs, CHECK_TIMEOUT_MS) };
      const stop = await checkFirst(deps, submission, learned, quick, signal);
      if (stop) return stop;
      progress.report({ message: 'creating' });
    }
    const result = await createAttendees(target, meetingId, body, signal);
    deps.log[result.ok || result.failure.kind === 'cancelled' ? 'info' : 'warn'](`${asked(submission)}, ${outcomeLine(result)}`);
    return result.ok ? { ok: true, value: { created: result.value } } : result;
  };
  const title = `Creating ${plural(body.Attendees.length, 'attendee')} in meeting ${meetingId}…`;
  const outcome = await request(deps, { title, meetingId, attempt });
  if (!outcome.ok) return;
  if ('wontFit' in outcome.value) return whenItWontFit(deps, submission, outcome.value.wontFit, learned);
  const { created } = outcome.value;
  const present = presentBefore(learned.listed);
  await deps.recentMeetings.remember(meetingId);
  vscode.window.setStatusBarMessage(`$(check) ${creationSummary(created, present)} in meeting ${meetingId}`, 10_000);
  const results = { meetingId, requested: body.Attendees, response: created, present };
  await showResults(deps, results, meetingSource(deps, meetingId, learned.meeting));
}

const asked = ({ meetingId, body }: Submission) => `meeting ${meetingId}: asked for ${body.Attendees.length}`;

/** The check before creating: the outcome when it stops the request, undefined to go on and create. */
async function checkFirst(
  deps: Deps,
  submission: Submission,
  learned: Learned,
  target: WorkerTarget,
  signal: AbortSignal,
): Promise<Outcome<Created> | undefined> {
  const { meetingId, body } = submission;
  const check = await checkMeeting(
    target,
    meetingId,
    body.Attendees.map((attendee) => attendee.ExternalUserId),
    signal,
  );
  if (check.kind === 'cancelled') {
    deps.log.info(`${asked(submission)}, cancelled`);
    return { ok: false, failure: { kind: 'cancelled' } };
  }
  if (check.kind === 'notFound') {
    deps.log.warn(`${asked(submission)}, not sent: the meeting was not found`);
    return { ok: false, failure: check.failure };
  }
  learned.meeting = check.meeting ?? learned.meeting;
  if (check.kind === 'checked') {
    learned.listed = check.listed;
    deps.log.info(`meeting ${meetingId}: ${slotsLogLine(check.slots)}`);
    return check.slots.fits ? undefined : { ok: true, value: { wontFit: check.slots } };
  }
  deps.log.warn(`meeting ${meetingId}: could not check its slots, ${failureLine(check.failure)}; creating without checking`);
  if (isForbidden(check.failure) && !learned.toldUnchecked) {
    // Creating needs only `create`: a token that may not read is told, not stopped.
    learned.toldUnchecked = true;
    const notice = `Could not check meeting ${meetingId} for free slots (ForbiddenException: ${check.failure.message})`;
    void vscode.window.showInformationMessage(`${notice}; creating the attendees without checking.`);
  }
  return undefined;
}

/** The attendees a listing showed, by ExternalUserId: those asked for again were already present. */
const presentBefore = (listed: readonly ListedAttendee[] | undefined) =>
  new Map((listed ?? []).map((attendee) => [attendee.ExternalUserId, attendee]));

/** Deletes test attendees first (then checks again), creates the ones that fit, creates anyway, or sends nothing. */
async function whenItWontFit(deps: Deps, submission: Submission, slots: SlotCheck, learned: Learned): Promise<void> {
  const { meetingId, body } = submission;
  const choices = wontFitChoices(slots);
  const labels = choices.map((choice) => CHOICE_LABELS[choice](slots));
  const label = await vscode.window.showWarningMessage(wontFitMessage(meetingId, slots), { modal: true }, ...labels);
  const choice = choices[labels.indexOf(label ?? '')];
  const { meeting, listed } = learned;
  if (choice === 'deleteFirst') {
    await vscode.commands.executeCommand('chimeAttendees.deleteTestAttendees', meetingId);
    return submitAttendees(deps, submission, { meeting });
  }
  if (choice === 'createFitting') {
    const fitting = new Set(
      thatFit(
        body.Attendees.map((attendee) => attendee.ExternalUserId),
        listed ?? [],
        slots.free,
      ),
    );
    const Attendees = body.Attendees.filter((attendee) => fitting.has(attendee.ExternalUserId));
    return submitAttendees(deps, { ...submission, body: { Attendees } }, { meeting });
  }
  if (choice === 'createAnyway') return submitAttendees(deps, submission, { skipCheck: true, meeting, listed });
  deps.log.info(`${asked(submission)}, not sent: it would not fit`);
}
