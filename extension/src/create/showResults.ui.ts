import * as vscode from 'vscode';
import type { Attendee, AttendeeRequest, BatchCreateAttendeeResponse, Meeting } from '../../../shared/index.ts';
import type { Deps } from '../deps.ts';
import { allJoinInfoJson, joinInfoJson, joinInfoProblem } from '../meeting/joinInfo.ts';
import { plural } from '../plural.ts';
import { copyJoinInfo, copyText } from '../ui/copy.ui.ts';
import { button, showUntilHidden } from '../ui/quickInput.ui.ts';
import { allAttendeesJson, attendeeJson } from './attendeeJson.ts';
import { creationSummary, presentDetail, type PresentAttendees } from './creationText.ts';
import type { MeetingSource } from './meetingSource.ui.ts';

interface ResultItem extends vscode.QuickPickItem {
  attendee?: Attendee;
}

const COPY_JOIN_INFO = button('plug', 'Copy join info (Meeting + Attendee)');
const COPY_TOKEN = button('key', 'Copy JoinToken');
const COPY_JSON = button('json', 'Copy attendee as JSON');
const COPY_ALL_JOIN_INFO = button('plug', 'Copy join info for all attendees');
const COPY_ALL = button('copy', 'Copy all attendees as JSON');

export interface Results {
  meetingId: string;
  requested: readonly AttendeeRequest[];
  response: BatchCreateAttendeeResponse;
  /** The attendees the check before creating listed: those asked for again are shown as already present. */
  present: PresentAttendees;
}

/**
 * The created attendees, those that were already in the meeting (as they are) and the per-attendee
 * errors, open until dismissed (it stays open while the person pastes elsewhere). Enter copies an
 * attendee as JSON; its buttons copy its join info (the meeting, read once for the whole list, with
 * the attendee), its JoinToken or its JSON.
 */
export function showResults(deps: Deps, results: Results, meeting: MeetingSource): Promise<void> {
  const { meetingId, response, present } = results;
  const pick = vscode.window.createQuickPick<ResultItem>();
  pick.title = `${creationSummary(response, present)} in meeting ${meetingId}`;
  pick.placeholder = 'Enter copies JSON; the buttons copy join info or the JoinToken';
  pick.items = resultItems(results);
  pick.buttons = response.Attendees.length ? [COPY_ALL_JOIN_INFO, COPY_ALL] : [];
  pick.matchOnDescription = true;
  const copy = (text: string, what: string) => copyText(deps, text, what);
  const copyJoinInfoOf = async (json: (found: Meeting) => string, what: string) => {
    const found = await meeting.get();
    if (!found) return;
    const problem = joinInfoProblem(found);
    await copyJoinInfo(deps, json(found), problem ? `${what} (but ${problem})` : what);
  };
  pick.onDidTriggerItemButton(({ item, button }) => {
    const attendee = item.attendee;
    if (!attendee) return;
    const name = attendee.ExternalUserId;
    if (button === COPY_JOIN_INFO) void copyJoinInfoOf((found) => joinInfoJson(found, attendee), `the join info of ${name}`);
    else if (button === COPY_TOKEN) void copy(attendee.JoinToken, `the JoinToken of ${name}`);
    else void copy(attendeeJson(attendee), `${name} as JSON`);
  });
  pick.onDidTriggerButton((button) => {
    const all = plural(response.Attendees.length, 'attendee');
    const allJoinInfo = (found: Meeting) => allJoinInfoJson(found, response.Attendees);
    if (button === COPY_ALL_JOIN_INFO) void copyJoinInfoOf(allJoinInfo, `the join info of ${all}`);
    else void copy(allAttendeesJson(response.Attendees), `${all} as JSON`);
  });
  pick.onDidAccept(() => {
    const attendee = pick.selectedItems[0]?.attendee;
    if (attendee) void copy(attendeeJson(attendee), `${attendee.ExternalUserId} as JSON`);
  });
  return showUntilHidden(pick);
}

function resultItems({ requested, response: { Attendees, Errors }, present }: Results): ResultItem[] {
  const separator = (label: string): ResultItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const buttons = [COPY_JOIN_INFO, COPY_TOKEN, COPY_JSON];
  const item = (attendee: Attendee, detail?: string): ResultItem => {
    return { label: `$(person) ${attendee.ExternalUserId}`, description: attendee.AttendeeId, detail, buttons, attendee };
  };
  const created = Attendees.filter((attendee) => !present.has(attendee.ExternalUserId)).map((attendee) => item(attendee));
  const already = Attendees.flatMap((attendee) => {
    const listed = present.get(attendee.ExternalUserId);
    const asked = requested.find((request) => request.ExternalUserId === attendee.ExternalUserId);
    return listed ? [item(attendee, presentDetail(attendee, listed, asked))] : [];
  });
  const failed = Errors.map(({ ExternalUserId, ErrorCode, ErrorMessage }): ResultItem => {
    return { label: `$(error) ${ExternalUserId}`, description: ErrorCode, detail: ErrorMessage };
  });
  const section = (label: string, items: ResultItem[]) => (items.length ? [separator(`${label} (${items.length})`), ...items] : []);
  return [...section('Created', created), ...section('Already in the meeting', already), ...section('Failed', failed)];
}
