import * as vscode from 'vscode';
import type { Attendee, ListedAttendee, Meeting } from '../../../shared/index.ts';
import type { Deps } from '../deps.ts';
import { allJoinInfoJson, joinInfoJson } from '../meeting/joinInfo.ts';
import { meetingIdArgument } from '../meeting/meetingId.ts';
import { plural } from '../plural.ts';
import { SECTION } from '../settings.ts';
import { copyText } from '../ui/copy.ui.ts';
import { requestForMeeting } from '../ui/request.ui.ts';
import { createAttendees, deleteAttendee, getMeeting, type WorkerResult } from '../worker/client.ts';
import { listedAttendees } from './meetingSnapshot.ts';
import type { MeetingsTree } from './meetingsTree.ui.ts';
import { showConnection } from './statusBar.ui.ts';
import { attendeeOfArgument } from './treeItems.ts';

const DELETE = 'Delete';

/** The Meetings tree's own commands: its title-bar Refresh, and the actions of its meeting and attendee menus. */
export function registerMeetingActions(context: vscode.ExtensionContext, deps: Deps, tree: MeetingsTree): void {
  const withMeeting = (run: (meetingId: string) => unknown) => (node?: unknown) => {
    const meetingId = meetingIdArgument(node);
    return meetingId ? run(meetingId) : undefined;
  };
  const commands: Record<string, (node?: unknown) => unknown> = {
    'chimeAttendees.refreshMeetings': () => tree.refresh(),
    'chimeAttendees.forgetMeeting': withMeeting((meetingId) => deps.recentMeetings.forget(meetingId)),
    'chimeAttendees.addAttendees': withMeeting((meetingId) => vscode.commands.executeCommand('chimeAttendees.createAttendees', meetingId)),
    'chimeAttendees.addTestAttendees': withMeeting((meetingId) =>
      vscode.commands.executeCommand('chimeAttendees.createTestAttendees', meetingId),
    ),
    'chimeAttendees.copyAllJoinInfo': withMeeting((meetingId) => copyAllJoinInfo(deps, tree, meetingId)),
    'chimeAttendees.copyJoinInfo': (node) => copyJoinInfo(deps, tree, node),
    'chimeAttendees.deleteAttendee': (node) => removeAttendee(deps, node),
    'chimeAttendees.showConnection': () => showConnection(tree),
    'chimeAttendees.openWorkerUrlSetting': () => vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.workerUrl`),
  };
  for (const [id, run] of Object.entries(commands)) context.subscriptions.push(vscode.commands.registerCommand(id, run));
}

/**
 * Join info needs a JoinToken, which no listing holds: the attendee is created again. ExternalUserId is an
 * idempotency token, so the worker answers the same attendee, JoinToken included.
 */
async function copyJoinInfo(deps: Deps, tree: MeetingsTree, node: unknown): Promise<void> {
  const target = attendeeOfArgument(node);
  if (!target) return;
  const { meetingId, attendee } = target;
  const joined = await recreate(deps, tree, meetingId, [attendee], `Reading the join info of ${attendee.ExternalUserId}…`);
  const [answered] = joined?.attendees ?? [];
  if (!joined || !answered) return;
  if (answered.AttendeeId !== attendee.AttendeeId) {
    // It had been deleted since the tree listed it: it is a new attendee now, in a slot of its own.
    await deps.recentMeetings.remember(meetingId);
    void vscode.window.showWarningMessage(
      `${attendee.ExternalUserId} was no longer in meeting ${meetingId}: it was created again (AttendeeId ${answered.AttendeeId}).`,
    );
  }
  await copyText(deps, joinInfoJson(joined.meeting, answered), `the join info of ${attendee.ExternalUserId}`);
}

async function copyAllJoinInfo(deps: Deps, tree: MeetingsTree, meetingId: string): Promise<void> {
  const attendees = listedAttendees(tree.snapshot(meetingId));
  if (attendees.length === 0) {
    void vscode.window.showInformationMessage(`Meeting ${meetingId} lists no attendees to copy the join info of: expand it, or Refresh.`);
    return;
  }
  const joined = await recreate(deps, tree, meetingId, attendees, `Reading the join info of ${plural(attendees.length, 'attendee')}…`);
  if (!joined) return;
  await copyText(
    deps,
    allJoinInfoJson(joined.meeting, joined.attendees),
    `the join info of ${plural(joined.attendees.length, 'attendee')}`,
  );
}

/** The attendees again, with their JoinTokens, and the meeting (as the tree read it, or read now). */
async function recreate(
  deps: Deps,
  tree: MeetingsTree,
  meetingId: string,
  listed: readonly ListedAttendee[],
  title: string,
): Promise<{ meeting: Meeting; attendees: Attendee[] } | undefined> {
  const known = tree.snapshot(meetingId);
  const Attendees = listed.map(({ ExternalUserId, Capabilities }) => ({ ExternalUserId, ...(Capabilities ? { Capabilities } : {}) }));
  const answer = await requestForMeeting(deps, meetingId, {
    title,
    what: `creating ${plural(listed.length, 'listed attendee')} again for their join info`,
    call: async (target, signal): Promise<WorkerResult<{ meeting: Meeting; attendees: Attendee[]; failed: number }>> => {
      const [meeting, created] = await Promise.all([
        known?.state === 'live' ? undefined : getMeeting(target, meetingId, signal),
        createAttendees(target, meetingId, { Attendees }, signal),
      ]);
      if (meeting && !meeting.ok) return meeting;
      if (!created.ok) return created;
      const found = meeting?.value.Meeting ?? (known?.state === 'live' ? known.meeting : undefined)!;
      return {
        ok: true,
        value: { meeting: found, attendees: created.value.Attendees, failed: created.value.Errors.length },
        exchange: created.exchange,
      };
    },
  });
  if (!answer.ok) return undefined;
  if (answer.value.failed)
    void vscode.window.showWarningMessage(`${plural(answer.value.failed, 'attendee')} of meeting ${meetingId} could not be read again.`);
  return answer.value;
}

async function removeAttendee(deps: Deps, node: unknown): Promise<void> {
  const target = attendeeOfArgument(node);
  if (!target) return;
  const { meetingId, attendee } = target;
  const question = `Delete ${attendee.ExternalUserId} (AttendeeId ${attendee.AttendeeId}) from meeting ${meetingId}? Its slot is freed; its JoinToken stops working.`;
  if ((await vscode.window.showWarningMessage(question, { modal: true }, DELETE)) !== DELETE) return;
  const deleted = await requestForMeeting(deps, meetingId, {
    title: `Deleting ${attendee.ExternalUserId}…`,
    what: 'deleting one attendee',
    call: (workerTarget, signal) => deleteAttendee(workerTarget, meetingId, attendee.AttendeeId, signal),
  });
  if (!deleted.ok) return;
  await deps.recentMeetings.remember(meetingId);
  vscode.window.setStatusBarMessage(`$(check) Deleted ${attendee.ExternalUserId} from meeting ${meetingId}`, 10_000);
}
