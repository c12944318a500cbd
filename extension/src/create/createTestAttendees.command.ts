import * as vscode from 'vscode';
import { LIMITS } from '../../../shared/index.ts';
import type { Deps } from '../deps.ts';
import { askMeetingId } from '../meeting/askMeetingId.ui.ts';
import { meetingIdArgument } from '../meeting/meetingId.ts';
import { freeSlots } from '../meeting/freeSlots.ts';
import { plural } from '../plural.ts';
import { askText } from '../ui/askText.ui.ts';
import { runInputSteps, type StepAt } from '../ui/quickInput.ui.ts';
import { keep } from '../ui/steps.ts';
import { whenWorkerReady } from '../ui/workerReady.ui.ts';
import { askAttendeeOptions, type AttendeeOptions } from './askAttendeeOptions.ui.ts';
import { SILENT_BOT } from './capabilityPresets.ts';
import { submitAttendees } from './submitAttendees.ui.ts';
import { checkCount, checkPattern, DEFAULT_PATTERN, expandPattern, previewPattern } from './testPattern.ts';

const TITLE = 'Create Chime Test Attendees';

export function registerCreateTestAttendees(context: vscode.ExtensionContext, deps: Deps): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('chimeAttendees.createTestAttendees', (meetingId?: unknown) =>
      createTestAttendees(deps, meetingIdArgument(meetingId)),
    ),
  );
}

/** Fills a test meeting with bots named from a pattern: loadtest-1, loadtest-2, … */
async function createTestAttendees(deps: Deps, given?: string): Promise<void> {
  const api = await whenWorkerReady(deps);
  if (!api) return;
  const answers = { meetingId: given ?? '', count: 10, pattern: DEFAULT_PATTERN, options: {} as AttendeeOptions };
  // Read once per meeting, however often the person goes back to the count.
  const free = new Map<string, Promise<number | undefined>>();
  const freeIn = (meetingId: string) => free.get(meetingId) ?? free.set(meetingId, freeSlots(deps, meetingId)).get(meetingId)!;
  const answered = await runInputSteps([
    // From the Meetings tree, the meeting is known: no step for it.
    ...(given
      ? []
      : [(at: StepAt) => askMeetingId(TITLE, deps.recentMeetings, answers.meetingId, at).then(keep((id) => (answers.meetingId = id)))]),
    async (at) => {
      const slots = await freeIn(answers.meetingId);
      const room = slots === undefined ? '' : `; the meeting has ${plural(slots, 'slot')} free`;
      const prompt = `How many test attendees (1 to ${LIMITS.attendeesPerMeeting})${room}`;
      const value = String(slots ? Math.min(answers.count, slots) : answers.count);
      return askText({ title: TITLE, prompt, value, check: checkCount }, at).then(keep((text) => (answers.count = Number(text.trim()))));
    },
    (at) =>
      askText(
        {
          title: TITLE,
          prompt: `ExternalUserId pattern: {n} becomes 1 to ${answers.count}; {n:3} pads it to 001`,
          value: answers.pattern,
          check: (text) => checkPattern(text.trim(), answers.count),
          hint: (text) => `Makes ${previewPattern(text.trim(), answers.count)}`,
        },
        at,
      ).then(keep((text) => (answers.pattern = text.trim()))),
    (at) => askAttendeeOptions(TITLE, api, deps.settings.current(), at, SILENT_BOT).then(keep((options) => (answers.options = options))),
  ]);
  if (!answered) return;
  const Attendees = expandPattern(answers.pattern, answers.count).map((ExternalUserId) => ({ ExternalUserId, ...answers.options }));
  await submitAttendees(deps, { meetingId: answers.meetingId, api, body: { Attendees } });
}
