import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import * as vscode from 'vscode';
import { MEDIA_REGIONS, type CreateMeetingResponse } from '../../../shared/index.ts';
import { gitUserEmail } from '../create/gitEmail.ts';
import type { Deps } from '../deps.ts';
import { plural } from '../plural.ts';
import type { MeetingsTree } from '../sidebar/meetingsTree.ui.ts';
import { askPick } from '../ui/askPick.ui.ts';
import { askText } from '../ui/askText.ui.ts';
import { runInputSteps } from '../ui/quickInput.ui.ts';
import { request } from '../ui/request.ui.ts';
import { keep } from '../ui/steps.ts';
import { createMeeting } from '../worker/client.ts';
import { failureLine } from '../worker/logLines.ts';
import {
  checkBotCount,
  checkExternalMeetingId,
  defaultExternalMeetingId,
  FEATURE_PRESETS,
  testMeetingRequest,
  type TestMeetingAnswers,
} from './testMeeting.ts';

const TITLE = 'Create Chime Test Meeting';

/** Resolves to the new meeting's ID, so a meeting step that offered "Create a test meeting…" goes on with it. */
export function registerCreateMeeting(context: vscode.ExtensionContext, deps: Deps, tree: MeetingsTree): void {
  context.subscriptions.push(vscode.commands.registerCommand('chimeAttendees.createMeeting', () => createTestMeeting(deps, tree)));
}

async function createTestMeeting(deps: Deps, tree: MeetingsTree): Promise<string | undefined> {
  const user = gitUserEmail(vscode.workspace.isTrusted ? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath : undefined);
  const answers: TestMeetingAnswers = { externalMeetingId: '', mediaRegion: 'us-east-1', preset: FEATURE_PRESETS[1]!, bots: 0 };
  const answered = await runInputSteps([
    async (at) =>
      askText(
        {
          title: TITLE,
          prompt: 'ExternalMeetingId: your name for the meeting (2 to 64 characters); a token limited to prefixes needs one of them',
          value: answers.externalMeetingId || defaultExternalMeetingId((await user) ?? osUser(), new Date()),
          check: checkExternalMeetingId,
        },
        at,
      ).then(keep((text) => (answers.externalMeetingId = text.trim()))),
    (at) => {
      const items = MEDIA_REGIONS.map((label) => ({ label }));
      const active = items.find((item) => item.label === answers.mediaRegion);
      return askPick({ title: TITLE, placeholder: 'Media region: where the meeting’s audio and video are hosted', items, active }, at).then(
        keep((item) => (answers.mediaRegion = item.label)),
      );
    },
    (at) => {
      const items = FEATURE_PRESETS.map((preset) => ({ label: preset.label, detail: preset.detail, preset }));
      const active = items.find((item) => item.preset === answers.preset);
      return askPick({ title: TITLE, placeholder: 'Meeting features', items, active }, at).then(
        keep((item) => (answers.preset = item.preset)),
      );
    },
    (at) =>
      askText(
        {
          title: TITLE,
          prompt: 'Test bots to create in the same call (bot-1, bot-2, …, silent: no audio, video or content); 0 for none',
          value: String(answers.bots),
          check: (text) => checkBotCount(text, answers.preset.features),
        },
        at,
      ).then(keep((text) => (answers.bots = Number(text.trim())))),
  ]);
  if (!answered) return undefined;
  const created = await send(deps, answers);
  if (!created) return undefined;
  const { Meeting, Attendees, Errors } = created;
  await deps.recentMeetings.remember(Meeting.MeetingId);
  const bots = answers.bots ? ` with ${plural(Attendees.length, 'test bot')}` : '';
  vscode.window.setStatusBarMessage(`$(check) Created meeting ${Meeting.MeetingId}${bots}`, 10_000);
  if (Errors.length) {
    const codes = [...new Set(Errors.map((error) => error.ErrorCode))].join(', ');
    void vscode.window.showWarningMessage(
      `Meeting ${Meeting.MeetingId} was created, but ${plural(Errors.length, 'test bot')} failed (${codes}).`,
    );
  }
  await tree.reveal(Meeting.MeetingId);
  return Meeting.MeetingId;
}

/** One request, retried with the same ClientRequestToken: a retry answers the same meeting rather than a second one. */
async function send(deps: Deps, answers: TestMeetingAnswers): Promise<CreateMeetingResponse | undefined> {
  const body = testMeetingRequest(answers, randomUUID());
  const asked = `test meeting: asked for ${plural(answers.bots, 'bot')} in ${answers.mediaRegion} (${answers.preset.label})`;
  const outcome = await request(deps, {
    title: `Creating a test meeting${answers.bots ? ` with ${plural(answers.bots, 'bot')}` : ''}…`,
    meetingId: '',
    attempt: async (target, signal) => {
      const result = await createMeeting(target, body, signal);
      const done = result.ok
        ? `meeting ${result.value.Meeting.MeetingId} created, ${result.value.Errors.length} failed`
        : failureLine(result.failure);
      deps.log[result.ok || result.failure.kind === 'cancelled' ? 'info' : 'warn'](`${asked}: ${done}`);
      return result;
    },
  });
  return outcome.ok ? outcome.value : undefined;
}

function osUser(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}
