import { describe, expect, it } from 'vitest';
import {
  botIds,
  checkBotCount,
  checkExternalMeetingId,
  defaultExternalMeetingId,
  FEATURE_PRESETS,
  SILENT,
  testMeetingRequest,
} from '../../../extension/src/meeting/testMeeting.ts';
import { createMeetingRequestSchema, meetingCapacity, parseSafely } from '../../../shared/index.ts';

const [audioOnly, hd, fhd] = FEATURE_PRESETS;
const at = new Date(2026, 11, 1, 9, 5);

describe('test meetings', () => {
  it('names a meeting after the user and the local time, in characters an ExternalMeetingId may hold', () => {
    expect(defaultExternalMeetingId('alice@example.com', at)).toBe('alice-20261201-0905');
    expect(defaultExternalMeetingId('Bob Smith', at)).toBe('Bob-Smith-20261201-0905');
    expect(defaultExternalMeetingId(undefined, at)).toBe('test-20261201-0905');
    expect(defaultExternalMeetingId('aws:me', at)).toBe('aws-me-20261201-0905');
    for (const user of ['alice@example.com', 'Bob Smith', undefined, 'aws:me', 'ü'.repeat(80)]) {
      expect(checkExternalMeetingId(defaultExternalMeetingId(user, at))).toBeUndefined();
    }
  });

  it('checks the ExternalMeetingId by the contract, naming the field', () => {
    expect(checkExternalMeetingId('x')).toBe('The ExternalMeetingId must be 2 to 64 characters');
    expect(checkExternalMeetingId('aws:meeting')).toMatch(/^The ExternalMeetingId must not start with "aws:"/);
  });

  it('offers audio only and HD video for 250 attendees, FHD video for 25', () => {
    expect(FEATURE_PRESETS.map((preset) => [preset.label, meetingCapacity({ MeetingFeatures: preset.features })])).toEqual([
      ['Audio only', 250],
      ['HD video', 250],
      ['FHD video', 25],
    ]);
  });

  it('takes 0 bots up to what the preset holds', () => {
    expect(checkBotCount('0', hd!.features)).toBeUndefined();
    expect(checkBotCount('250', hd!.features)).toBeUndefined();
    expect(checkBotCount('26', fhd!.features)).toBe('Type a whole number from 0 to 25 (the meeting holds 25 attendees)');
    for (const bad of ['', '-1', '2.5', 'five'])
      expect(checkBotCount(bad, audioOnly!.features)).toMatch(/^Type a whole number from 0 to 250/);
  });

  it('asks for silent bots in the same call, in a body the contract accepts for every preset', () => {
    for (const preset of FEATURE_PRESETS) {
      const body = testMeetingRequest({ externalMeetingId: ' alice-1 ', mediaRegion: 'eu-west-2', preset, bots: 5 }, 'token-1');
      expect(body).toMatchObject({
        ClientRequestToken: 'token-1',
        ExternalMeetingId: 'alice-1',
        MediaRegion: 'eu-west-2',
        MeetingFeatures: preset.features,
      });
      expect(body.Attendees).toEqual(botIds(5).map((ExternalUserId) => ({ ExternalUserId, Capabilities: SILENT })));
      expect(parseSafely(createMeetingRequestSchema({ api: 'chime-sdk-meetings' }), body).success).toBe(true);
    }
    expect(testMeetingRequest({ externalMeetingId: 'a1', mediaRegion: 'us-east-1', preset: hd!, bots: 0 }, 't1')).not.toHaveProperty(
      'Attendees',
    );
  });
});
