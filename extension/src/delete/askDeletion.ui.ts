import * as vscode from 'vscode';
import type { ListedAttendee } from '../../../shared/index.ts';
import { plural } from '../plural.ts';
import type { StepAt } from '../ui/quickInput.ui.ts';
import { setItems } from '../ui/setItems.ui.ts';
import type { Answer } from '../ui/steps.ts';
import { checkPrefix, selectByPrefix, suggestPrefixes } from './prefix.ts';

export type Selection = { prefix: string } | { pick: true };

const PICK_FROM_LIST = '$(checklist) Pick attendees from the list…';

interface SelectionItem extends vscode.QuickPickItem {
  /** Absent on items that only explain (a bad prefix, one that selects nobody). */
  choice?: Selection;
}

/**
 * Which attendees to delete: those whose ExternalUserId starts with a prefix (typed, or suggested
 * from the numbered names the meeting holds, each with its count), or "pick from the list". Without
 * a listing (the token may not read), only a typed prefix, and how many it selects is not known.
 */
export function askSelection(
  title: string,
  listed: readonly ListedAttendee[] | undefined,
  value: string,
  at: StepAt,
): Promise<Answer<Selection>> {
  const pick = vscode.window.createQuickPick<SelectionItem>();
  const suggestions = listed ? suggestPrefixes(listed) : [];
  const refresh = () => {
    const typed = pick.value;
    const suggested = suggestions
      .filter(({ prefix }) => prefix !== typed)
      .map(({ prefix, count }): SelectionItem => ({ label: prefix, description: plural(count, 'attendee'), choice: { prefix } }));
    const pickItem: SelectionItem[] = listed?.length
      ? [{ label: PICK_FROM_LIST, description: plural(listed.length, 'attendee'), alwaysShow: true, choice: { pick: true } }]
      : [];
    setItems(pick, [...typedItems(typed, listed), ...suggested, ...pickItem]);
  };
  pick.title = title;
  pick.placeholder = listed
    ? `The meeting holds ${plural(listed.length, 'attendee')}. Type the start of the ExternalUserIds to delete, or pick attendees`
    : 'This token may not list the meeting: type the start of the ExternalUserIds to delete';
  pick.value = value;
  refresh();
  return at.ask(pick, (settle) => {
    pick.onDidChangeValue(refresh);
    pick.onDidAccept(() => {
      // No selection when Enter beat the latest items to the window: a typed prefix is what was meant
      // (the confirmation that follows says how many it selects).
      const [selected] = pick.selectedItems;
      const choice = selected ? selected.choice : typedChoice(pick.value, listed);
      if (choice) settle({ move: 'next', value: choice });
    });
  });
}

function typedItems(typed: string, listed: readonly ListedAttendee[] | undefined): SelectionItem[] {
  if (!typed) return [];
  const problem = checkPrefix(typed);
  if (problem) return [{ label: '$(error) Not a prefix', detail: problem, alwaysShow: true }];
  const startsWith = `whose ExternalUserId starts with "${typed}"`;
  const choice = { prefix: typed };
  if (!listed) return [{ label: `$(trash) Delete those ${startsWith}`, description: 'how many is not known', alwaysShow: true, choice }];
  const count = selectByPrefix(listed, typed).length;
  return count
    ? [{ label: `$(trash) Delete the ${plural(count, 'attendee')} ${startsWith}`, alwaysShow: true, choice }]
    : [{ label: `$(info) No attendee's ExternalUserId starts with "${typed}"`, alwaysShow: true }];
}

/** The typed prefix as a choice, when it may be deleted by and selects someone (or how many is not known). */
function typedChoice(typed: string, listed: readonly ListedAttendee[] | undefined): Selection | undefined {
  if (!typed || checkPrefix(typed)) return undefined;
  return !listed || selectByPrefix(listed, typed).length ? { prefix: typed } : undefined;
}

interface AttendeeItem extends vscode.QuickPickItem {
  attendee: ListedAttendee;
}

/** Several attendees, checked in a list (Space toggles, Enter goes on); at least one. */
export function askAttendees(
  title: string,
  listed: readonly ListedAttendee[],
  chosen: readonly ListedAttendee[],
  at: StepAt,
): Promise<Answer<ListedAttendee[]>> {
  const pick = vscode.window.createQuickPick<AttendeeItem>();
  const items = listed.map((attendee): AttendeeItem => ({ label: attendee.ExternalUserId, description: attendee.AttendeeId, attendee }));
  pick.title = title;
  pick.placeholder = 'Check the attendees to delete, then press Enter';
  pick.canSelectMany = true;
  pick.matchOnDescription = true;
  pick.items = items;
  pick.selectedItems = items.filter((item) => chosen.some((attendee) => attendee.AttendeeId === item.attendee.AttendeeId));
  return at.ask(pick, (settle) =>
    pick.onDidAccept(() => {
      if (pick.selectedItems.length) settle({ move: 'next', value: pick.selectedItems.map((item) => item.attendee) });
    }),
  );
}
