import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/index.ts';
import { expectEveryAttendeeAccountedFor } from './invariant.ts';
import { emulator, postAttendees, testEnv } from './harness.ts';
import { seededRandom } from '../emulator/faults.ts';

const CASES = 40;

afterEach(() => emulator.reset());

describe('the accounting invariant over random requests and faults', () => {
  it(`holds for ${CASES} random attendee lists and fault seeds`, async () => {
    const random = seededRandom(20261125);
    for (let run = 0; run < CASES; run++) {
      const meetingId = await emulator.createMeeting();
      const count = 1 + Math.floor(random() * LIMITS.attendeesPerMeeting);
      const wanted = Array.from({ length: count }, (_, i) => `p${run}-${i}-${Math.floor(random() * 1e6).toString(36)}`);
      const faults = {
        seed: Math.floor(random() * 2 ** 31),
        throttleRate: random() * 0.3,
        errorRate: random() * 0.3,
        dropRate: random() * 0.15,
        dropAfterRate: random() * 0.3,
        script: random() < 0.3 ? [{ outcome: 400 }] : [],
      };
      await emulator.setFaults(faults);
      const { response, json } = await postAttendees(testEnv({ RETRY_DEADLINE_MS: '4000' }), meetingId, {
        Attendees: wanted.map((ExternalUserId) => ({ ExternalUserId })),
      });
      expect([200, 400, 429, 500, 503], `run ${run}`).toContain(response.status);
      if (response.status === 200) await expectEveryAttendeeAccountedFor(meetingId, wanted, json);
      else expect(json.Code).toBeTruthy();
    }
  }, 120_000); // a bound for a slow machine, not a timing goal
});
