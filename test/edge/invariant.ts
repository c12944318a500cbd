import { expect } from 'vitest';
import { emulator } from './harness.ts';

/**
 * The promise the worker makes for every answer: each requested ExternalUserId appears exactly once,
 * created or with its error; and the emulator holds exactly one attendee for each one created.
 */
export async function expectEveryAttendeeAccountedFor(meetingId: string, requested: readonly string[], answer: any) {
  const answered = [...answer.Attendees, ...answer.Errors].map((a: { ExternalUserId: string }) => a.ExternalUserId);
  expect(answered.slice().sort()).toEqual(requested.slice().sort());

  const stored = await emulator.attendees(meetingId);
  const storedIds = stored.map((a) => a.ExternalUserId);
  expect(new Set(storedIds).size).toBe(storedIds.length);
  const storedById = new Map(stored.map((a) => [a.ExternalUserId, a.AttendeeId]));
  for (const created of answer.Attendees) expect(storedById.get(created.ExternalUserId)).toBe(created.AttendeeId);
}

/**
 * The promise of a batch delete: each selected attendee appears exactly once, deleted or with its
 * error; the emulator holds none of the deleted ones and still holds every one that failed.
 */
export async function expectEveryDeletionAccountedFor(
  meetingId: string,
  selected: ReadonlyArray<{ AttendeeId: string; ExternalUserId: string }>,
  answer: any,
) {
  const answered = [...answer.Deleted, ...answer.Errors].map(
    (a: { AttendeeId: string; ExternalUserId: string }) => `${a.AttendeeId} ${a.ExternalUserId}`,
  );
  expect(answered.slice().sort()).toEqual(selected.map((a) => `${a.AttendeeId} ${a.ExternalUserId}`).sort());

  const stored = new Set((await emulator.attendees(meetingId)).map((a) => a.AttendeeId));
  for (const deleted of answer.Deleted) expect(stored.has(deleted.AttendeeId)).toBe(false);
  for (const failed of answer.Errors) expect(stored.has(failed.AttendeeId)).toBe(true);
}
