import * as vscode from 'vscode';
import { checkMeetingId } from '../input/meetingId.ts';
import type { Answer, StepPosition } from './steps.ts';

interface MeetingItem extends vscode.QuickPickItem {
  /** Absent on the item that explains why the typed text is not a meeting ID. */
  meetingId?: string;
}

/**
 * The meeting step, always the first: type (or paste) an ID, or pick a recent one. A quick pick has no validation
 * message, so the typed text is checked into an item of its own: "use this ID", or why not.
 */
export function askMeetingId(title: string, recent: readonly string[], value: string, at: StepPosition): Promise<Answer<string>> {
  const pick = vscode.window.createQuickPick<MeetingItem>();
  const recentItems = recent.map((id): MeetingItem => ({ label: id, description: 'recent', meetingId: id }));
  const refresh = () => (pick.items = [...typedItems(pick.value, recent), ...recentItems]);
  pick.title = title;
  pick.step = at.step;
  pick.totalSteps = at.totalSteps;
  pick.placeholder = recent.length ? 'Paste a meeting ID, or pick a recent one' : 'Paste the meeting ID (a GUID)';
  pick.value = value;
  pick.matchOnDescription = true;
  pick.ignoreFocusOut = true;
  refresh();
  return new Promise((resolve) => {
    const finish = (answer: Answer<string>) => {
      resolve(answer);
      pick.dispose();
    };
    pick.onDidChangeValue(refresh);
    pick.onDidAccept(() => {
      const meetingId = pick.selectedItems[0]?.meetingId;
      if (meetingId) finish({ move: 'next', value: meetingId });
    });
    pick.onDidHide(() => finish({ move: 'cancel' }));
    pick.show();
  });
}

function typedItems(value: string, recent: readonly string[]): MeetingItem[] {
  const typed = value.trim();
  if (!typed || recent.includes(typed)) return [];
  const problem = checkMeetingId(typed);
  return problem
    ? [{ label: '$(error) Not a meeting ID', detail: problem, alwaysShow: true }]
    : [{ label: typed, description: 'use this meeting ID', meetingId: typed, alwaysShow: true }];
}
