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
