import { describe, expect, it } from 'vitest';
import type { Env } from '../../edge/env.ts';
import { attendees, emulator, postAttendees, testEnv } from './harness.ts';

const SECRET = 'wJalrXUtnFEMI-do-not-echo';

describe('configuration errors', () => {
  it.each<[string, Partial<Env>, string]>([
    ['an unknown CHIME_API', { CHIME_API: 'chime-v3' }, 'CHIME_API must be one of chime-sdk-meetings, chime'],
    ['no AWS_REGION', { AWS_REGION: '' }, 'AWS_REGION is required'],
    ['a region without Chime SDK meetings', { AWS_REGION: 'eu-west-1', CHIME_ENDPOINT: '' }, 'AWS_REGION must be a region'],
    ['a legacy API in another region', { CHIME_API: 'chime', AWS_REGION: 'us-west-2' }, 'AWS_REGION must be us-east-1'],
    ['no access key', { AWS_ACCESS_KEY_ID: undefined }, 'AWS_ACCESS_KEY_ID is required'],
    ['no secret key', { AWS_SECRET_ACCESS_KEY: ' ' }, 'AWS_SECRET_ACCESS_KEY is required'],
    ['an endpoint that is not a URL', { CHIME_ENDPOINT: `ftp://${SECRET}` }, 'CHIME_ENDPOINT must be an http or https URL'],
    ['FIPS where there is none', { CHIME_USE_FIPS: 'true', AWS_REGION: 'eu-central-1', CHIME_ENDPOINT: '' }, 'CHIME_USE_FIPS is available only in'],
    ['a bad boolean', { CHIME_USE_FIPS: 'yes', CHIME_ENDPOINT: '' }, 'CHIME_USE_FIPS must be true or false'],
    ['a bad attendee limit', { MAX_ATTENDEES_PER_REQUEST: '251' }, 'MAX_ATTENDEES_PER_REQUEST must be a whole number from 1 to 250'],
    ['a bad deadline', { RETRY_DEADLINE_MS: 'soon' }, 'RETRY_DEADLINE_MS must be a whole number'],
  ])('answers %s with a 500 naming the setting, not its value', async (_, overrides, message) => {
    const meetingId = await emulator.createMeeting();
    const before = await emulator.calls();
    const { response, json } = await postAttendees(testEnv({ AWS_SECRET_ACCESS_KEY: SECRET, ...overrides }), meetingId, attendees('alice'));
    expect(response.status).toBe(500);
    expect(json.Code).toBe('ServiceFailureException');
    expect(json.Message).toContain(`Worker configuration: ${message}`);
    expect(JSON.stringify(json)).not.toContain(SECRET);
    expect(await emulator.calls()).toBe(before);
  });
});
