import * as vscode from 'vscode';
import type { Attendee, BatchCreateAttendeeResponse } from '../../../shared/index.ts';
import type { Deps } from '../deps.ts';
import { allAttendeesJson, attendeeJson } from '../present/attendeeJson.ts';
import { creationSummary } from '../present/summary.ts';

interface ResultItem extends vscode.QuickPickItem {
  attendee?: Attendee;
}

export const COPY_TOKEN: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('key'), tooltip: 'Copy JoinToken' };
export const COPY_JSON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('json'), tooltip: 'Copy attendee as JSON' };
export const COPY_ALL: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('copy'), tooltip: 'Copy all attendees as JSON' };

/**
 * The created attendees and the per-attendee errors, open until dismissed (it stays open while the
 * person pastes elsewhere). Enter copies an attendee as JSON; its buttons copy the JoinToken or the JSON.
 */
export function showResults(deps: Deps, meetingId: string, response: BatchCreateAttendeeResponse): Promise<void> {
  const pick = vscode.window.createQuickPick<ResultItem>();
  pick.title = `${creationSummary(response)} in meeting ${meetingId}`;
  pick.placeholder = 'Enter copies an attendee as JSON; the buttons copy its JoinToken, or all attendees';
  pick.items = resultItems(response);
  pick.buttons = response.Attendees.length ? [COPY_ALL] : [];
  pick.matchOnDescription = true;
  pick.ignoreFocusOut = true;
  const copy = async (text: string, what: string) => {
    await deps.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`$(check) Copied ${what}`, 4000);
  };
  pick.onDidTriggerItemButton(({ item, button }) => {
    if (!item.attendee) return;
    const name = item.attendee.ExternalUserId;
    void (button === COPY_TOKEN ? copy(item.attendee.JoinToken, `the JoinToken of ${name}`) : copy(attendeeJson(item.attendee), `${name} as JSON`));
  });
  pick.onDidTriggerButton(() => void copy(allAttendeesJson(response.Attendees), `${response.Attendees.length} attendees as JSON`));
  pick.onDidAccept(() => {
    const attendee = pick.selectedItems[0]?.attendee;
    if (attendee) void copy(attendeeJson(attendee), `${attendee.ExternalUserId} as JSON`);
  });
  return new Promise((resolve) => {
    pick.onDidHide(() => {
      pick.dispose();
      resolve();
    });
    pick.show();
  });
}

function resultItems({ Attendees, Errors }: BatchCreateAttendeeResponse): ResultItem[] {
  const separator = (label: string): ResultItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const created = Attendees.map(
    (attendee): ResultItem => ({ label: `$(person) ${attendee.ExternalUserId}`, description: attendee.AttendeeId, buttons: [COPY_TOKEN, COPY_JSON], attendee }),
  );
  const failed = Errors.map((error): ResultItem => ({ label: `$(error) ${error.ExternalUserId}`, description: error.ErrorCode, detail: error.ErrorMessage }));
  return [
    ...(created.length ? [separator(`Created (${created.length})`), ...created] : []),
    ...(failed.length ? [separator(`Failed (${failed.length})`), ...failed] : []),
  ];
}
