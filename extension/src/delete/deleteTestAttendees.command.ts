import * as vscode from 'vscode';
import type { ListedAttendee } from '../../../shared/index.ts';
import type { Deps } from '../deps.ts';
import { askMeetingId } from '../meeting/askMeetingId.ui.ts';
import { meetingIdArgument } from '../meeting/meetingId.ts';
import { plural } from '../plural.ts';
import { runInputSteps, type InputStep } from '../ui/quickInput.ui.ts';
import { request, requestForMeeting, type Outcome } from '../ui/request.ui.ts';
import { keep } from '../ui/steps.ts';
import type { ProgressReport } from '../ui/withCancellableProgress.ui.ts';
import { deleteAttendees, isForbidden, listAttendees, type WorkerTarget } from '../worker/client.ts';
import { failureDetail } from '../worker/failureText.ts';
import { failureLine } from '../worker/logLines.ts';
import { askAttendees, askSelection, type Selection } from './askDeletion.ui.ts';
import { deleteInBatches, outcomeOf, type DeleteBatch, type DeletionOutcome } from './batches.ts';
import { confirmDeletionMessage, deletionLogLine, deletionSummary } from './deletionText.ts';
import { selectByPrefix } from './prefix.ts';
import { showDeletionResults } from './showDeletionResults.ui.ts';

const TITLE = 'Delete Chime Test Attendees';

export function registerDeleteTestAttendees(context: vscode.ExtensionContext, deps: Deps): void {
  const run = (meetingId?: unknown) => deleteTestAttendees(deps, meetingIdArgument(meetingId));
  context.subscriptions.push(vscode.commands.registerCommand('chimeAttendees.deleteTestAttendees', run));
}

/** The meeting's attendees as listed for this run; undefined when the token may not list them. */
interface Listing {
  meetingId: string;
  attendees: ListedAttendee[] | undefined;
}

/** What the person chose to delete. */
interface Choice {
  meetingId: string;
  listing: Listing;
  selection: Selection;
  picked: ListedAttendee[];
}

/**
 * Frees a test meeting's slots: pick the meeting (unless given), then a prefix or the attendees
 * themselves, confirm, and delete in batches under a cancellable notification. The results list
 * says what was deleted, what failed and what was never tried.
 */
async function deleteTestAttendees(deps: Deps, given: string | undefined): Promise<void> {
  const choice = await askWhatToDelete(deps, given);
  if (!choice) return;
  const { meetingId, listing, selection } = choice;
  const targets = 'pick' in selection ? choice.picked : listing.attendees && selectByPrefix(listing.attendees, selection.prefix);
  const confirm = targets ? `Delete ${plural(targets.length, 'Attendee')}` : 'Delete';
  const message = confirmDeletionMessage(meetingId, targets?.length, 'pick' in selection ? { picked: true } : selection);
  if ((await vscode.window.showWarningMessage(message, { modal: true }, confirm)) !== confirm) {
    return deps.log.info(`meeting ${meetingId}: deleting ${targets?.length ?? 'by prefix'}: not confirmed`);
  }

  const prefix = 'prefix' in selection ? selection.prefix : '';
  const outcome = targets ? await deleteTargets(deps, meetingId, targets) : await deleteByPrefix(deps, meetingId, prefix);
  if (!outcome) return;
  deps.log.info(`meeting ${meetingId}: ${deletionLogLine(outcome)}${outcome.stopped ? `, stopped: ${failureLine(outcome.stopped)}` : ''}`);
  vscode.window.setStatusBarMessage(`$(check) ${deletionSummary(outcome)} from meeting ${meetingId}`, 10_000);
  if (outcome.Deleted.length + outcome.Errors.length === 0) return; // cancelled before the first batch: nothing to list
  await showDeletionResults(deps, meetingId, outcome, outcome.stopped && stoppedBecause(outcome.stopped));
}

/** The meeting (unless given), listed; then a prefix, or the attendees picked from the list. */
async function askWhatToDelete(deps: Deps, given: string | undefined): Promise<Choice | undefined> {
  const answers = { meetingId: given ?? '', prefix: '', selection: { pick: true } as Selection, picked: [] as ListedAttendee[] };
  let listing: Listing | undefined;
  const steps: InputStep[] = [];
  if (!given) {
    steps.push((at) => askMeetingId(TITLE, deps.recentMeetings, answers.meetingId, at).then(keep((id) => (answers.meetingId = id))));
  }
  steps.push(async (at) => {
    if (listing?.meetingId !== answers.meetingId) listing = await list(deps, answers.meetingId);
    if (!listing) return 'cancel';
    if (listing.attendees?.length === 0) {
      const nothing = `Meeting ${answers.meetingId} holds no attendees that this token may see: nothing to delete.`;
      void vscode.window.showInformationMessage(nothing);
      return 'cancel';
    }
    const answer = await askSelection(TITLE, listing.attendees, answers.prefix, at);
    if (answer.move === 'next') {
      answers.selection = answer.value;
      if ('prefix' in answer.value) answers.prefix = answer.value.prefix;
    }
    return answer.move;
  });
  // Asked only when picking from the list; a prefix has nothing more to ask.
  steps.push(async (at) =>
    'pick' in answers.selection && listing?.attendees
      ? askAttendees(TITLE, listing.attendees, answers.picked, at).then(keep((picked) => (answers.picked = picked)))
      : 'next',
  );
  if (!(await runInputSteps(steps)) || !listing) return undefined;
  return { meetingId: answers.meetingId, listing, selection: answers.selection, picked: answers.picked };
}

/** Lists the meeting; a token that may not read gets a listing of undefined (delete by prefix only). */
async function list(deps: Deps, meetingId: string): Promise<Listing | undefined> {
  const answer = await requestForMeeting(deps, meetingId, {
    title: `Listing the attendees of meeting ${meetingId}…`,
    what: 'listing its attendees',
    call: (target, signal) => listAttendees(target, meetingId, signal),
    handles: isForbidden,
  });
  if (answer.ok) {
    await deps.recentMeetings.remember(meetingId);
    return { meetingId, attendees: answer.value.Attendees };
  }
  return isForbidden(answer.failure) ? { meetingId, attendees: undefined } : undefined;
}

/** In batches, with progress; a failure before anything was deleted is shown with its next steps (Retry). */
async function deleteTargets(deps: Deps, meetingId: string, targets: readonly ListedAttendee[]): Promise<DeletionOutcome | undefined> {
  const attempt = async (target: WorkerTarget, signal: AbortSignal, progress: ProgressReport): Promise<Outcome<DeletionOutcome>> => {
    let reported = 0;
    const onProgress = (done: number, total: number) => {
      progress.report({ message: `${done} of ${total}`, increment: ((done - reported) / total) * 100 });
      reported = done;
    };
    const deleteBatch: DeleteBatch = (ids, batchSignal) => deleteAttendees(target, meetingId, { AttendeeIds: ids }, batchSignal);
    const outcome = await deleteInBatches(targets, deleteBatch, { signal, onProgress });
    const failure = outcome.stopped;
    if (outcome.Deleted.length || !failure || failure.kind === 'cancelled') return { ok: true, value: outcome };
    deps.log.warn(`meeting ${meetingId}: deleting ${targets.length}: ${failureLine(failure)}`);
    return { ok: false, failure };
  };
  const title = `Deleting ${plural(targets.length, 'attendee')} from meeting ${meetingId}…`;
  const outcome = await request(deps, { title, meetingId, attempt });
  return outcome.ok ? outcome.value : undefined;
}

/** One request the worker carries out whole: for a token that may delete but not list, so no count or progress. */
async function deleteByPrefix(deps: Deps, meetingId: string, prefix: string): Promise<DeletionOutcome | undefined> {
  const answer = await requestForMeeting(deps, meetingId, {
    title: `Deleting the attendees whose ExternalUserId starts with "${prefix}" from meeting ${meetingId}…`,
    what: 'deleting by prefix',
    call: (target, signal) => deleteAttendees(target, meetingId, { ExternalUserIdPrefix: prefix }, signal),
  });
  return answer.ok ? outcomeOf(answer.value) : undefined;
}

function stoppedBecause(failure: NonNullable<DeletionOutcome['stopped']>): string {
  if (failure.kind === 'cancelled') return 'Cancelled before it was sent';
  return `Not sent: an earlier batch failed (${failureDetail(failure)})`;
}
