import * as vscode from 'vscode';
import type { Deps } from '../deps.ts';
import { copyText } from '../ui/copy.ui.ts';
import { button, showUntilHidden } from '../ui/quickInput.ui.ts';
import type { DeletionOutcome } from './batches.ts';
import { deletionRows, deletionSummary, type DeletionRow } from './deletionText.ts';

const COPY_RESULTS = button('copy', 'Copy results as JSON');

interface RowItem extends vscode.QuickPickItem {
  attendeeId?: string | undefined;
}

/** What was deleted, what failed and why, and what was never tried, open until dismissed. Enter copies an AttendeeId. */
export function showDeletionResults(deps: Deps, meetingId: string, outcome: DeletionOutcome, stoppedBecause?: string): Promise<void> {
  const pick = vscode.window.createQuickPick<RowItem>();
  pick.title = `${deletionSummary(outcome)} from meeting ${meetingId}`;
  pick.placeholder = 'Enter copies an AttendeeId; the button copies the results as JSON';
  const toItem = ({ separator, ...row }: DeletionRow): RowItem =>
    separator ? { label: row.label, kind: vscode.QuickPickItemKind.Separator } : row;
  pick.items = deletionRows(outcome, stoppedBecause).map(toItem);
  pick.buttons = [COPY_RESULTS];
  pick.matchOnDescription = true;
  pick.onDidTriggerButton(() => {
    const { Deleted, Errors, notAttempted } = outcome;
    const NotAttempted = notAttempted.map(({ AttendeeId, ExternalUserId }) => ({ AttendeeId, ExternalUserId }));
    const results = { Deleted, Errors, ...(NotAttempted.length ? { NotAttempted } : {}) };
    void copyText(deps, JSON.stringify(results, null, 2), 'the results as JSON');
  });
  pick.onDidAccept(() => {
    const attendeeId = pick.selectedItems[0]?.attendeeId;
    if (attendeeId) void copyText(deps, attendeeId, 'the AttendeeId');
  });
  return showUntilHidden(pick);
}
