import * as vscode from 'vscode';
import { setItems } from '../ui/setItems.ui.ts';
import type { Answer, StepPosition } from '../ui/steps.ts';
import { checkMeetingId } from './meetingId.ts';
import type { RecentMeetings } from './recentMeetings.ts';

interface MeetingItem extends vscode.QuickPickItem {
  /** Absent on the item that explains why the typed text is not a meeting ID. */
  meetingId?: string;
}

export const FORGET_MEETING: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('close'), tooltip: 'Forget this meeting' };

/**
 * The meeting step, always the first: type (or paste) an ID, or pick a recent one (marked when it has
 * ended; each has a button to forget it). A quick pick has no validation message, so the typed text is
 * checked into an item of its own: "use this ID", or why not.
 */
export function askMeetingId(title: string, recent: Pick<RecentMeetings, 'entries' | 'forget'>, value: string, at: StepPosition): Promise<Answer<string>> {
  const pick = vscode.window.createQuickPick<MeetingItem>();
  // Shown gone at once; the store catches up in the background.
  const forgotten = new Set<string>();
  const refresh = () => {
    const entries = recent.entries().filter((entry) => !forgotten.has(entry.meetingId));
    const ids = entries.map((entry) => entry.meetingId);
    const recentItems = entries.map(
      ({ meetingId, ended }): MeetingItem => ({ label: meetingId, description: ended ? 'recent (ended)' : 'recent', buttons: [FORGET_MEETING], meetingId }),
    );
    setItems(pick, [...typedItems(pick.value, ids), ...recentItems]);
    pick.placeholder = ids.length ? 'Paste a meeting ID, or pick a recent one' : 'Paste the meeting ID (a GUID)';
  };
  pick.title = title;
  // A command with this one step shows no step count.
  pick.step = at.totalSteps > 1 ? at.step : undefined;
  pick.totalSteps = at.totalSteps > 1 ? at.totalSteps : undefined;
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
    pick.onDidTriggerItemButton(({ item }) => {
      if (!item.meetingId) return;
      forgotten.add(item.meetingId);
      void recent.forget(item.meetingId);
      refresh();
    });
    pick.onDidAccept(() => {
      // No selection when Enter beat the latest items to the window: a typed ID is what was meant.
      const [selected] = pick.selectedItems;
      const meetingId = selected ? selected.meetingId : checkMeetingId(pick.value) ? undefined : pick.value.trim();
      if (meetingId) finish({ move: 'next', value: meetingId });
    });
    pick.onDidHide(() => finish({ move: 'cancel' }));
    pick.show();
  });
}

function typedItems(value: string, recent: readonly string[]): MeetingItem[] {
  const typed = value.trim();
  if (!typed || recent.some((id) => id.toLowerCase() === typed.toLowerCase())) return [];
  const problem = checkMeetingId(typed);
  return problem
    ? [{ label: '$(error) Not a meeting ID', detail: problem, alwaysShow: true }]
    : [{ label: typed, description: 'use this meeting ID', meetingId: typed, alwaysShow: true }];
}
