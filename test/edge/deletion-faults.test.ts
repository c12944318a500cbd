import { afterEach, describe, expect, it } from 'vitest';
import { HEADERS } from '../../shared/index.ts';
import { expectEveryDeletionAccountedFor } from './invariant.ts';
import { attendees, deleteAttendees, emulator, ids, postAttendees, testEnv } from './harness.ts';

afterEach(() => emulator.reset());

const DELETION_CALLS = ['DeleteAttendee', 'ListAttendees'];

/** A meeting of 200 bots and 50 others; deletes the bots by prefix under the given faults. */
async function deleteBotsUnder(faults: Record<string, unknown>, deadlineMs = '10000') {
  const meetingId = await emulator.createMeeting();
  const { json: created } = await postAttendees(testEnv(), meetingId, attendees(...ids(200, 'bot'), ...ids(50, 'person')));
  const bots = created.Attendees.slice(0, 200).map(({ AttendeeId, ExternalUserId }: any) => ({ AttendeeId, ExternalUserId }));
  await emulator.setFaults({ operations: DELETION_CALLS, ...faults });
  const { response, json } = await deleteAttendees(testEnv({ RETRY_DEADLINE_MS: deadlineMs }), meetingId, { ExternalUserIdPrefix: 'bot-' });
  return { meetingId, bots, response, json, attempts: Number(response.headers.get(HEADERS.attempts)) };
}

/** Nothing left behind: of the meeting's attendees, only the people remain. */
async function expectOnlyPeopleLeft(meetingId: string) {
  expect((await emulator.attendees(meetingId)).map((a) => a.ExternalUserId).sort()).toEqual(ids(50, 'person').sort());
}

describe('deleting by prefix under upstream faults', () => {
  it.each([
    // Rates a few retries overcome for each of 200 calls; harsher ones are the next test's business.
    // Concurrent calls draw the seeded faults in arrival order, which timing decides, so a rate must make
    // running out of retries (8 failed attempts in a row: 200 × rate^8 a run) negligible for every order.
    ['throttling', { seed: 11, throttleRate: 0.15 }],
    ['5xx answers', { seed: 12, errorRate: 0.15 }],
    ['connections dropped before the work', { seed: 13, dropRate: 0.15 }],
    ['connections dropped after the work', { seed: 14, dropAfterRate: 0.15 }],
    ['everything at once', { seed: 15, throttleRate: 0.04, errorRate: 0.04, dropRate: 0.04, dropAfterRate: 0.04, latencyMs: 10 }],
  ])('deletes every bot exactly once despite %s, and leaves the others', async (_, faults) => {
    const { meetingId, bots, response, json, attempts } = await deleteBotsUnder(faults);
    expect(response.status).toBe(200);
    expect(json.Errors).toEqual([]);
    await expectEveryDeletionAccountedFor(meetingId, bots, json);
    await expectOnlyPeopleLeft(meetingId);
    expect(attempts).toBeGreaterThan(200 + 3);
  });

  it('accounts for every bot when retries run out for many of them', async () => {
    const listingPasses = [{ outcome: 200 }, { outcome: 200 }, { outcome: 200 }];
    const { meetingId, bots, response, json } = await deleteBotsUnder({ seed: 16, script: listingPasses, errorRate: 0.7 }, '300');
    expect(response.status).toBe(200);
    expect(json.Deleted.length).toBeGreaterThan(0);
    expect(json.Errors.length).toBeGreaterThan(0);
    for (const error of json.Errors) expect(['ServiceFailureException', 'ServiceUnavailableException']).toContain(error.ErrorCode);
    await expectEveryDeletionAccountedFor(meetingId, bots, json);
    expect(await emulator.attendees(meetingId)).toHaveLength(50 + json.Errors.length);
  });

  it('reports each deletion that fails for good, with its error, and deletes the rest', async () => {
    // The listing's three pages pass; then two deletions meet a client error, which is not retried.
    const { meetingId, bots, response, json } = await deleteBotsUnder({
      script: [{ outcome: 200 }, { outcome: 200 }, { outcome: 200 }, { outcome: 400 }, { outcome: 422 }],
    });
    expect(response.status).toBe(200);
    expect(json.Deleted).toHaveLength(198);
    expect(json.Errors.map((e: any) => e.ErrorCode).sort()).toEqual(['BadRequestException', 'UnprocessableEntityException']);
    for (const error of json.Errors) {
      const status = error.ErrorCode === 'BadRequestException' ? 400 : 422;
      expect(error).toEqual({
        AttendeeId: expect.any(String),
        ExternalUserId: expect.stringMatching(/^bot-/),
        ErrorCode: error.ErrorCode,
        ErrorMessage: `Injected fault: ${status}`,
      });
    }
    await expectEveryDeletionAccountedFor(meetingId, bots, json);
    expect(await emulator.attendees(meetingId)).toHaveLength(52);
  });

  it('answers the error, deleting nothing, when the listing fails for good', async () => {
    const { meetingId, response, json } = await deleteBotsUnder({ throttleRate: 1 }, '500');
    expect([response.status, json.Code]).toEqual([429, 'ThrottlingException']);
    expect(await emulator.calls('DeleteAttendee')).toBe(0);
    expect(await emulator.attendees(meetingId)).toHaveLength(250);
  });

  it('answers the first error when every deletion failed', async () => {
    const { meetingId, response, json } = await deleteBotsUnder({
      script: [{ outcome: 200 }, { outcome: 200 }, { outcome: 200 }, ...Array(200).fill({ outcome: 403 })],
    });
    expect([response.status, json.Code]).toEqual([403, 'ForbiddenException']);
    expect(await emulator.attendees(meetingId)).toHaveLength(250);
  });
});
