import * as vscode from 'vscode';
import { button, type StepAt } from '../ui/quickInput.ui.ts';
import { setItems } from '../ui/setItems.ui.ts';
import type { Answer } from '../ui/steps.ts';
import { checkMeetingId } from './meetingId.ts';
import type { RecentMeetings } from './recentMeetings.ts';

interface MeetingItem extends vscode.QuickPickItem {
  /** Absent on the item that explains why the typed text is not a meeting ID. */
  meetingId?: string;
  /** "Create a test meeting…": the meeting step goes on with the new meeting. */
  create?: true;
}

const CREATE_ITEM: MeetingItem = {
  label: '$(add) Create a test meeting…',
  detail: 'A new meeting, with test bots if you like',
  alwaysShow: true,
  create: true,
};

const FORGET_MEETING = button('close', 'Forget this meeting');

/**
 * The meeting step, always the first: create a test meeting, type (or paste) an ID, or pick a recent one
 * (marked when it has ended; each has a button to forget it). A quick pick has no validation message, so
 * the typed text is checked into an item of its own: "use this ID", or why not.
 */
export async function askMeetingId(
  title: string,
  recent: Pick<RecentMeetings, 'entries' | 'forget'>,
  value: string,
  at: StepAt,
): Promise<Answer<string>> {
  const answer = await pickMeeting(title, recent, value, at);
  if (answer.move !== 'next' || answer.value !== CREATE) return answer;
  const created = await vscode.commands.executeCommand<string | undefined>('chimeAttendees.createMeeting');
  return created ? { move: 'next', value: created } : { move: 'cancel' };
}

/** Stands for "Create a test meeting…": no meeting ID looks like it. */
const CREATE = '(create)';

function pickMeeting(
  title: string,
  recent: Pick<RecentMeetings, 'entries' | 'forget'>,
  value: string,
  at: StepAt,
): Promise<Answer<string>> {
  const pick = vscode.window.createQuickPick<MeetingItem>();
  // Shown gone at once; the store catches up in the background.
  const forgotten = new Set<string>();
  const refresh = () => {
    const entries = recent.entries().filter((entry) => !forgotten.has(entry.meetingId));
    const ids = entries.map((entry) => entry.meetingId);
    const recentItems = entries.map(({ meetingId, ended }): MeetingItem => {
      return { label: meetingId, description: ended ? 'recent (ended)' : 'recent', buttons: [FORGET_MEETING], meetingId };
    });
    // First while nothing is typed; last otherwise, so Enter takes what was typed or pasted.
    const items = [...typedItems(pick.value, ids), ...recentItems];
    setItems(pick, pick.value.trim() ? [...items, CREATE_ITEM] : [CREATE_ITEM, ...items]);
    pick.placeholder = ids.length ? 'Paste a meeting ID, or pick a recent one' : 'Paste the meeting ID (a GUID)';
  };
  pick.title = title;
  pick.value = value;
  pick.matchOnDescription = true;
  refresh();
  return at.ask(pick, (settle) => {
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
      // A selection can name an item by its place in a list that has just been replaced: with a meeting ID
      // typed, Enter means that ID, never "Create a test meeting…".
      if (selected?.create && checkMeetingId(pick.value)) {
        // Its own steps take the screen; this step is answered.
        settle({ move: 'next', value: CREATE });
        pick.hide();
        return;
      }
      const meetingId = selected && !selected.create ? selected.meetingId : checkMeetingId(pick.value) ? undefined : pick.value.trim();
      if (meetingId) settle({ move: 'next', value: meetingId });
    });
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
