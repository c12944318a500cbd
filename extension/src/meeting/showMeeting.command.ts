import * as vscode from 'vscode';
import type { ListedAttendee, Meeting } from '../../../shared/index.ts';
import type { Deps } from '../deps.ts';
import { plural } from '../plural.ts';
import { copyText } from '../ui/copy.ui.ts';
import { button, runInputSteps, showUntilHidden } from '../ui/quickInput.ui.ts';
import { requestForMeeting } from '../ui/request.ui.ts';
import { keep } from '../ui/steps.ts';
import { getMeeting, listAttendees, type WorkerResult } from '../worker/client.ts';
import { failureDetail } from '../worker/failureText.ts';
import { failureLine } from '../worker/logLines.ts';
import { askMeetingId } from './askMeetingId.ui.ts';
import { meetingJson } from './joinInfo.ts';
import { meetingIdArgument } from './meetingId.ts';
import { meetingRows, meetingTitle, type MeetingRow } from './meetingView.ts';

const TITLE = 'Show Chime Meeting';

const COPY = button('copy', 'Copy');
const COPY_ATTENDEE_ID = button('copy', 'Copy AttendeeId');
const COPY_EXTERNAL_USER_ID = button('person', 'Copy ExternalUserId');
const COPY_MEETING_JOIN_INFO = button('plug', 'Copy meeting join info ({ Meeting })');
const DELETE_TEST_ATTENDEES = button('trash', 'Delete Test Attendees…');

export function registerShowMeeting(context: vscode.ExtensionContext, deps: Deps): void {
  const run = (meetingId?: unknown) => showMeeting(deps, meetingIdArgument(meetingId));
  context.subscriptions.push(vscode.commands.registerCommand('chimeAttendees.showMeeting', run));
}

interface Read {
  meeting: Meeting;
  attendees: ListedAttendee[] | { problem: string };
}

/** The meeting's ID, regions and slots, and its attendees, in a list with copy buttons. */
async function showMeeting(deps: Deps, given: string | undefined): Promise<void> {
  const id = given ?? (await askForMeeting(deps));
  if (!id) return;
  const answer = await requestForMeeting(deps, id, {
    title: `Reading meeting ${id}…`,
    what: 'reading it and its attendees',
    call: async (target, signal): Promise<WorkerResult<Read>> => {
      const [meeting, listing] = await Promise.all([getMeeting(target, id, signal), listAttendees(target, id, signal)]);
      if (!meeting.ok) return meeting;
      if (!listing.ok) deps.log.warn(`meeting ${id}: listing its attendees ${failureLine(listing.failure)}`);
      const attendees = listing.ok ? listing.value.Attendees : { problem: failureDetail(listing.failure) };
      return { ok: true, value: { meeting: meeting.value.Meeting, attendees }, exchange: meeting.exchange };
    },
  });
  if (!answer.ok) return;
  await deps.recentMeetings.remember(id);
  const { meeting, attendees } = answer.value;
  if (!('problem' in attendees)) deps.log.info(`meeting ${id}: ${plural(attendees.length, 'attendee')} listed`);
  const next = await showMeetingView(deps, meeting, attendees);
  if (next === 'delete') await vscode.commands.executeCommand('chimeAttendees.deleteTestAttendees', id);
}

/** The meeting step alone, for a command given no meeting. */
async function askForMeeting(deps: Deps): Promise<string | undefined> {
  let id: string | undefined;
  await runInputSteps([(at) => askMeetingId(TITLE, deps.recentMeetings, '', at).then(keep((answer) => (id = answer)))]);
  return id;
}

interface RowItem extends vscode.QuickPickItem {
  row?: MeetingRow;
}

function showMeetingView(deps: Deps, meeting: Meeting, attendees: Read['attendees']): Promise<'delete' | undefined> {
  const pick = vscode.window.createQuickPick<RowItem>();
  pick.title = meetingTitle(meeting.MeetingId, 'problem' in attendees ? undefined : attendees);
  pick.placeholder = 'Enter copies the selected ID; the buttons copy more';
  pick.items = meetingRows(meeting, attendees).map(toItem);
  pick.buttons = [COPY_MEETING_JOIN_INFO, DELETE_TEST_ATTENDEES];
  pick.matchOnDescription = true;
  let next: 'delete' | undefined;
  pick.onDidTriggerItemButton(({ item, button }) => {
    const row = item.row;
    if (button === COPY_EXTERNAL_USER_ID && row?.attendee) void copyText(deps, row.attendee.ExternalUserId, 'the ExternalUserId');
    else if (row?.copy) void copyText(deps, row.copy.text, row.copy.what);
  });
  pick.onDidTriggerButton((button) => {
    if (button === COPY_MEETING_JOIN_INFO) void copyText(deps, meetingJson(meeting), `the join info of meeting ${meeting.MeetingId}`);
    else if (button === DELETE_TEST_ATTENDEES) {
      next = 'delete';
      pick.hide();
    }
  });
  pick.onDidAccept(() => {
    const copy = pick.selectedItems[0]?.row?.copy;
    if (copy) void copyText(deps, copy.text, copy.what);
  });
  return showUntilHidden(pick).then(() => next);
}

function toItem(row: MeetingRow): RowItem {
  if (row.separator) return { label: row.label, kind: vscode.QuickPickItemKind.Separator };
  const buttons = row.attendee ? [COPY_ATTENDEE_ID, COPY_EXTERNAL_USER_ID] : row.copy ? [COPY] : [];
  return { label: row.label, description: row.description, detail: row.detail, buttons, row };
}
