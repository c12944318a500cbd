import * as vscode from 'vscode';
import type { Deps } from '../deps.ts';
import { askMeetingId } from '../meeting/askMeetingId.ui.ts';
import { meetingIdArgument } from '../meeting/meetingId.ts';
import { askText } from '../ui/askText.ui.ts';
import { runInputSteps, type StepAt } from '../ui/quickInput.ui.ts';
import { keep } from '../ui/steps.ts';
import { whenWorkerReady } from '../ui/workerReady.ui.ts';
import { askAttendeeOptions, type AttendeeOptions } from './askAttendeeOptions.ui.ts';
import { checkTypedExternalUserIds, splitExternalUserIds } from './externalUserIds.ts';
import { gitUserEmail } from './gitEmail.ts';
import { submitAttendees } from './submitAttendees.ui.ts';

const TITLE = 'Create Chime Attendees';

export function registerCreateAttendees(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chimeAttendees.createAttendees', (meetingId?: unknown) =>
      createAttendees(deps, meetingIdArgument(meetingId)),
    ),
  );
}

async function createAttendees(deps: Deps, given?: string): Promise<void> {
  // Asked now, while the worker is checked and the person types, so it keeps no one waiting later.
  const email = gitUserEmail(trustedFolder());
  const api = await whenWorkerReady(deps);
  if (!api) return;
  const answers = { meetingId: given ?? '', attendees: undefined as string | undefined, options: {} as AttendeeOptions };
  const answered = await runInputSteps([
    // From the Meetings tree, the meeting is known: no step for it.
    ...(given
      ? []
      : [(at: StepAt) => askMeetingId(TITLE, deps.recentMeetings, answers.meetingId, at).then(keep((id) => (answers.meetingId = id)))]),
    async (at) =>
      askText(
        {
          title: TITLE,
          prompt: 'ExternalUserIds, separated by commas or one per line (2 to 64 characters each); quote one holding a comma: "Smith, Ann"',
          placeholder: 'alice@example.com, bob@example.com',
          value: answers.attendees ?? (await email),
          check: checkTypedExternalUserIds,
        },
        at,
      ).then(keep((text) => (answers.attendees = text))),
    (at) => askAttendeeOptions(TITLE, api, deps.settings.current(), at).then(keep((options) => (answers.options = options))),
  ]);
  if (!answered) return;
  const typed = splitExternalUserIds(answers.attendees ?? '');
  const ids = 'ids' in typed ? typed.ids : [];
  const Attendees = ids.map((ExternalUserId) => ({ ExternalUserId, ...answers.options }));
  await submitAttendees(deps, { meetingId: answers.meetingId, api, body: { Attendees } });
}

/** git reads the folder's own config, which an untrusted folder should not get to choose. */
function trustedFolder(): string | undefined {
  return vscode.workspace.isTrusted ? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath : undefined;
}
