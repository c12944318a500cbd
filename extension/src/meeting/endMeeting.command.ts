import * as vscode from 'vscode';
import type { Deps } from '../deps.ts';
import { plural } from '../plural.ts';
import { listedAttendees, type Snapshot } from '../sidebar/meetingSnapshot.ts';
import type { MeetingsTree } from '../sidebar/meetingsTree.ui.ts';
import { runInputSteps } from '../ui/quickInput.ui.ts';
import { requestForMeeting } from '../ui/request.ui.ts';
import { keep } from '../ui/steps.ts';
import { endMeeting, isForbidden, listAttendees } from '../worker/client.ts';
import { askMeetingId } from './askMeetingId.ui.ts';
import { meetingIdArgument } from './meetingId.ts';

const TITLE = 'End Chime Meeting';
const END = 'End Meeting';

export function registerEndMeeting(context: vscode.ExtensionContext, deps: Deps, tree: MeetingsTree): void {
  const run = (meetingId?: unknown) => endTestMeeting(deps, tree, meetingIdArgument(meetingId));
  context.subscriptions.push(vscode.commands.registerCommand('chimeAttendees.endMeeting', run));
}

/** DeleteMeeting, after a confirmation that says how many attendees it removes with the meeting. */
async function endTestMeeting(deps: Deps, tree: MeetingsTree, given: string | undefined): Promise<void> {
  let meetingId = given;
  if (!meetingId) {
    await runInputSteps([(at) => askMeetingId(TITLE, deps.recentMeetings, '', at).then(keep((id) => (meetingId = id)))]);
  }
  if (!meetingId) return;
  const count = await attendeeCount(deps, meetingId, tree.snapshot(meetingId));
  if (count === 'failed') return;
  const removes = count === undefined ? 'every attendee it holds' : `its ${plural(count, 'attendee')}`;
  const question = `End meeting ${meetingId}? This removes ${removes} at once; an ended meeting cannot be joined or started again.`;
  if ((await vscode.window.showWarningMessage(question, { modal: true }, END)) !== END) return;
  const ended = await requestForMeeting(deps, meetingId, {
    title: `Ending meeting ${meetingId}…`,
    what: 'ending it',
    call: (target, signal) => endMeeting(target, meetingId!, signal),
  });
  if (!ended.ok) return;
  await deps.recentMeetings.markEnded(meetingId);
  vscode.window.setStatusBarMessage(`$(check) Ended meeting ${meetingId}`, 10_000);
}

/** From the tree when it has listed them, else listed now; undefined when the token may not list them. */
async function attendeeCount(deps: Deps, meetingId: string, known: Snapshot | undefined): Promise<number | undefined | 'failed'> {
  if (known?.state === 'live' && !('problem' in known.attendees)) return listedAttendees(known).length;
  const listing = await requestForMeeting(deps, meetingId, {
    title: `Reading meeting ${meetingId}…`,
    what: 'listing its attendees',
    call: (target, signal) => listAttendees(target, meetingId, signal),
    handles: isForbidden,
  });
  if (listing.ok) return listing.value.Attendees.length;
  return isForbidden(listing.failure) ? undefined : 'failed';
}
