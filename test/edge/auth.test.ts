import { describe, expect, it } from 'vitest';
import { TOKEN, app, attendees, emulator, postAttendees, testEnv } from './harness.ts';

describe('bearer authentication', () => {
  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token' }],
    ['another scheme', { authorization: `Basic ${btoa(`user:${TOKEN}`)}` }],
    ['a token prefix', { authorization: `Bearer ${TOKEN.slice(0, -1)}` }],
  ])('refuses %s with 401 before any upstream call', async (_, headers) => {
    const meetingId = await emulator.createMeeting();
    const before = await emulator.calls('BatchCreateAttendee');
    const request = new Request(`http://worker.test/meetings/${meetingId}/attendees`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(attendees('alice')),
    });
    const response = await app.fetch(request, testEnv());
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
    const text = await response.text();
    expect(text).not.toContain(TOKEN);
    expect(await emulator.calls('BatchCreateAttendee')).toBe(before);
  });

  it('accepts any configured token, with the scheme in any case', async () => {
    const meetingId = await emulator.createMeeting();
    const first = await postAttendees(testEnv(), meetingId, attendees('alice'), { headers: { authorization: 'bearer other-token' } });
    expect(first.response.status).toBe(200);
  });

  it('refuses everyone when no token is configured', async () => {
    const meetingId = await emulator.createMeeting();
    const { response } = await postAttendees(testEnv({ API_TOKENS: ' , ' }), meetingId, attendees('alice'));
    expect(response.status).toBe(401);
  });
});
