import { describe, expect, it } from 'vitest';
import type { Env } from '../../edge/env.ts';
import { attendees, emulator, postAttendees, testEnv } from './harness.ts';

const SECRET = 'wJalrXUtnFEMI-do-not-echo';
const HASH = 'fa8989317fb3e56b1fa9fc2f0608c179cf5672309f94ead4aeaec0a7abd50aca';
/** API_TOKENS_JSON of the given entries; the secret is in a name, so a message quoting the value would show it. */
const tokensJson = (...entries: unknown[]) => ({ API_TOKENS_JSON: JSON.stringify([{ name: SECRET, sha256: HASH }, ...entries]) });
const entry = (fields: Record<string, unknown>) => ({ name: 'ci', sha256: HASH.replace('fa', 'fb'), ...fields });

describe('configuration errors', () => {
  it.each<[string, Partial<Env>, string]>([
    ['an unknown CHIME_API', { CHIME_API: 'chime-v3' }, 'CHIME_API must be one of chime-sdk-meetings, chime'],
    ['no AWS_REGION', { AWS_REGION: '' }, 'AWS_REGION is required'],
    ['a region without Chime SDK meetings', { AWS_REGION: 'eu-west-1', CHIME_ENDPOINT: '' }, 'AWS_REGION must be a region'],
    ['a legacy API in another region', { CHIME_API: 'chime', AWS_REGION: 'us-west-2' }, 'AWS_REGION must be us-east-1'],
    ['no access key', { AWS_ACCESS_KEY_ID: undefined }, 'AWS_ACCESS_KEY_ID is required'],
    ['no secret key', { AWS_SECRET_ACCESS_KEY: ' ' }, 'AWS_SECRET_ACCESS_KEY is required'],
    ['an endpoint that is not a URL', { CHIME_ENDPOINT: `ftp://${SECRET}` }, 'CHIME_ENDPOINT must be an http or https URL'],
    [
      'FIPS where there is none',
      { CHIME_USE_FIPS: 'true', AWS_REGION: 'eu-central-1', CHIME_ENDPOINT: '' },
      'CHIME_USE_FIPS is available only in',
    ],
    ['a bad boolean', { CHIME_USE_FIPS: 'yes', CHIME_ENDPOINT: '' }, 'CHIME_USE_FIPS must be true or false'],
    ['a bad attendee limit', { MAX_ATTENDEES_PER_REQUEST: '251' }, 'MAX_ATTENDEES_PER_REQUEST must be a whole number from 1 to 250'],
    ['a bad deadline', { RETRY_DEADLINE_MS: 'soon' }, 'RETRY_DEADLINE_MS must be a whole number'],
    ['a pace of nothing', { CHIME_CALLS_PER_SECOND: '0' }, 'CHIME_CALLS_PER_SECOND must be a whole number from 1 to 10000'],
    ['a burst that is not whole', { CHIME_CALLS_BURST: '2.5' }, 'CHIME_CALLS_BURST must be a whole number from 1 to 10000'],
    [
      'a pacer that is not a binding',
      { CHIME_PACER: SECRET },
      'CHIME_PACER must be a Durable Object binding of the ChimePacer class, or absent',
    ],
    ['token entries that are not JSON', { API_TOKENS_JSON: `[{"name":"${SECRET}",` }, 'API_TOKENS_JSON must be valid JSON'],
    ['token entries that are not a list', { API_TOKENS_JSON: JSON.stringify({ name: SECRET }) }, 'API_TOKENS_JSON must be a JSON list of'],
    ['a token entry without a hash', tokensJson({ name: 'ci' }), 'API_TOKENS_JSON[1].sha256 is required'],
    [
      'a hash that is not hex',
      tokensJson(entry({ sha256: SECRET })),
      "API_TOKENS_JSON[1].sha256 must be the token's SHA-256 as 64 hexadecimal digits",
    ],
    ['a misspelt field', tokensJson(entry({ prefix: [SECRET] })), 'API_TOKENS_JSON[1].prefix is not a known field'],
    [
      'an unknown operation',
      tokensJson(entry({ operations: ['read', SECRET] })),
      'API_TOKENS_JSON[1].operations[1] must be one of read, create, delete, meetings',
    ],
    [
      'no operations',
      tokensJson(entry({ operations: [] })),
      'API_TOKENS_JSON[1].operations must hold some of read, create, delete, meetings',
    ],
    ['no prefixes', tokensJson(entry({ prefixes: [] })), 'API_TOKENS_JSON[1].prefixes must hold 1 to 20 prefixes'],
    ['a reserved prefix', tokensJson(entry({ prefixes: [`aws:${SECRET}`] })), 'API_TOKENS_JSON[1].prefixes[0] must not start with "aws:"'],
    ['a name with spaces', tokensJson(entry({ name: `${SECRET} x` })), 'API_TOKENS_JSON[1].name must be 1 to 64 letters'],
    ['a repeated name', tokensJson(entry({ name: SECRET })), 'API_TOKENS_JSON[1].name repeats the name of another token'],
    [
      'a name taken by API_TOKENS',
      { API_TOKENS: 'plain-token', API_TOKENS_JSON: JSON.stringify([{ name: 'token-1', sha256: HASH }]) },
      'API_TOKENS_JSON[0].name repeats',
    ],
    [
      'a repeated hash',
      tokensJson(entry({ sha256: HASH.toUpperCase() })),
      'API_TOKENS_JSON[1].sha256 repeats a token configured before it',
    ],
    [
      'the hash of a plain token',
      { API_TOKENS: 'ci-token-0123456789', API_TOKENS_JSON: JSON.stringify([{ name: 'ci', sha256: HASH }]) },
      'API_TOKENS_JSON[0].sha256 repeats',
    ],
  ])('answers %s with a 500 naming the setting, not its value', async (_, overrides, message) => {
    const meetingId = await emulator.createMeeting();
    const before = await emulator.calls('BatchCreateAttendee');
    const { response, json } = await postAttendees(testEnv({ AWS_SECRET_ACCESS_KEY: SECRET, ...overrides }), meetingId, attendees('alice'));
    expect(response.status).toBe(500);
    expect(json.Code).toBe('ServiceFailureException');
    expect(json.Message).toContain(`Worker configuration: ${message}`);
    expect(JSON.stringify(json)).not.toContain(SECRET);
    expect(await emulator.calls('BatchCreateAttendee')).toBe(before);
  });
});
