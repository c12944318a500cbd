import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, bodyBounds } from '../../shared/index.ts';
import {
  largestCreateAttendees,
  largestCreateMeeting,
  largestDeleteAttendees,
  largestLegacyCreateAttendees,
  writtenSizes,
} from '../support/largest-bodies.ts';
import { TOKEN, app, attendees, emulator, ids, legacyEmulator, postAttendees, testEnv } from './harness.ts';

const send = (path: string, body: BodyInit, { legacy = false, headers = {} as Record<string, string> } = {}) =>
  app.fetch(
    new Request(`http://worker.test${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
      body,
    }),
    testEnv({}, legacy),
  );

describe('the largest valid body of each route', () => {
  let meetingId: string;
  let legacyMeetingId: string;
  let primaryMeetingId: string;
  let fullMeetingId: string;
  let attendeeIds: string[];
  beforeAll(async () => {
    [meetingId, legacyMeetingId, primaryMeetingId, fullMeetingId] = await Promise.all([
      emulator.createMeeting(),
      legacyEmulator.createMeeting(),
      emulator.createMeeting(),
      emulator.createMeeting(),
    ]);
    const { json } = await postAttendees(testEnv(), fullMeetingId, attendees(...ids(LIMITS.attendeesPerMeeting)));
    attendeeIds = (json as { Attendees: Array<{ AttendeeId: string }> }).Attendees.map((a) => a.AttendeeId);
  });

  const routes = [
    ['POST attendees', () => `/meetings/${meetingId}/attendees`, largestCreateAttendees, false, 'Attendees'],
    ['POST attendees, legacy API', () => `/meetings/${legacyMeetingId}/attendees`, largestLegacyCreateAttendees, true, 'Attendees'],
    [
      'POST attendees/delete',
      () => `/meetings/${fullMeetingId}/attendees/delete`,
      () => largestDeleteAttendees(attendeeIds),
      false,
      'Deleted',
    ],
    ['POST /meetings', () => '/meetings', () => largestCreateMeeting(primaryMeetingId), false, 'Attendees'],
  ] as const;

  it.each(routes)(
    '%s fits its API’s bound pretty-printed, and is accepted',
    async (_, path, largest, legacy, listed) => {
      const body = largest();
      const { compact, pretty } = writtenSizes(body);
      expect(compact).toBeLessThan(pretty);
      expect(pretty).toBeLessThanOrEqual(bodyBounds(legacy ? 'chime' : 'chime-sdk-meetings').requestBodyBytes * 0.9);
      const response = await send(path(), JSON.stringify(body, null, 2), { legacy });
      const json = (await response.json()) as Record<string, unknown[]>;
      expect(response.status, JSON.stringify(json).slice(0, 300)).toBe(200);
      expect(json[listed]).toHaveLength(LIMITS.attendeesPerMeeting);
    },
    60_000,
  );
});
