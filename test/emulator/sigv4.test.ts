import { ChimeSDKMeetingsClient, GetMeetingCommand } from '@aws-sdk/client-chime-sdk-meetings';
import { SignatureV4 } from '@smithy/signature-v4';
import { AwsClient } from 'aws4fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatorControl } from '../support/emulator-control.ts';
import { LOCAL_CREDENTIALS } from './defaults.ts';
import { startEmulator, type Emulator } from './server.ts';
import { signedRequest } from './signed-request.ts';
import { NodeSha256, verifySignature, type ReceivedRequest } from './sigv4.ts';

describe('verifySignature against the AWS SigV4 test suite', () => {
  // From AWS's published suite: credentials AKIDEXAMPLE, 20150830T123600Z, us-east-1, service "service".
  const context = {
    credentials: [{ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }],
    region: 'us-east-1',
    service: 'service',
    now: new Date('2015-08-30T12:36:00Z'),
  };
  const vector = (query: Record<string, string>, signature: string): ReceivedRequest => ({
    method: 'GET',
    path: '/',
    query,
    headers: {
      host: 'example.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
    },
    body: new Uint8Array(),
  });

  it('accepts get-vanilla and get-vanilla-query-order-key-case', async () => {
    expect(await verifySignature(vector({}, '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'), context)).toEqual({
      ok: true,
      accessKeyId: 'AKIDEXAMPLE',
    });
    const sorted = vector({ Param2: 'value2', Param1: 'value1' }, 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500');
    expect(await verifySignature(sorted, context)).toMatchObject({ ok: true });
  });

  it('refuses the same vector with one signature digit changed, or a different query', async () => {
    expect(await verifySignature(vector({}, '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf30'), context)).toMatchObject({
      ok: false,
      status: 403,
      type: 'InvalidSignatureException',
    });
    expect(
      await verifySignature(vector({ a: 'b' }, '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'), context),
    ).toMatchObject({ ok: false });
  });
});

describe('signature checks over HTTP', () => {
  const SESSION = { accessKeyId: 'AKIDLOCALSESSIONTEST', secretAccessKey: 'local-session-secret', sessionToken: 'local-session-token' };
  let emulator: Emulator;
  let meetingId: string;

  beforeAll(async () => {
    emulator = await startEmulator({ credentials: [LOCAL_CREDENTIALS, SESSION] });
    meetingId = await emulatorControl(emulator.url).createMeeting();
  });
  afterAll(() => emulator.close());

  const getMeeting = (init: Partial<Parameters<typeof signedRequest>[1]> = {}) =>
    signedRequest(emulator.url, { path: `/meetings/${meetingId}`, ...init });

  async function refusal(response: Response) {
    const body = (await response.json()) as { message: string };
    return { status: response.status, type: response.headers.get('x-amzn-errortype')?.split(':')[0], body };
  }

  it('answers a request without Authorization with MissingAuthenticationTokenException, like a front door', async () => {
    const response = await fetch(`${emulator.url}/meetings/${meetingId}`);
    expect(response.headers.get('x-amzn-errortype')).toBe(
      'MissingAuthenticationTokenException:http://internal.amazon.com/coral/com.amazon.coral.service/',
    );
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await refusal(response)).toEqual({
      status: 403,
      type: 'MissingAuthenticationTokenException',
      body: { message: 'Missing Authentication Token' },
    });
  });

  it('answers an unknown access key with UnrecognizedClientException', async () => {
    const response = await getMeeting({ credentials: { accessKeyId: 'AKIDNOBODY', secretAccessKey: 'x' } });
    expect(await refusal(response)).toEqual({
      status: 403,
      type: 'UnrecognizedClientException',
      body: { message: 'The security token included in the request is invalid.' },
    });
  });

  it('accepts a clock 4 minutes off and refuses one over 5 minutes off, either way', async () => {
    const minutes = (n: number) => new Date(Date.now() + n * 60_000);
    expect((await getMeeting({ signingDate: minutes(-4) })).status).toBe(200);
    expect((await getMeeting({ signingDate: minutes(4) })).status).toBe(200);
    const expired = await refusal(await getMeeting({ signingDate: minutes(-6) }));
    expect(expired).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
    expect(expired.body.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
    const early = await refusal(await getMeeting({ signingDate: minutes(6) }));
    expect(early.body.message).toMatch(/^Signature not yet current: /);
  });

  it("refuses a signature scoped to aws4fetch's guessed service name", async () => {
    expect(await refusal(await getMeeting({ service: 'meetings-chime' }))).toEqual({
      status: 403,
      type: 'InvalidSignatureException',
      body: { message: "Credential should be scoped to correct service: 'chime'." },
    });
  });

  it('refuses a body other than the one signed, and a false x-amz-content-sha256', async () => {
    const url = new URL(`/meetings/${meetingId}/attendees?operation=batch-create`, emulator.url);
    const signer = new SignatureV4({ service: 'chime', region: 'us-east-1', credentials: LOCAL_CREDENTIALS, sha256: NodeSha256 });
    const signedBody = JSON.stringify({ Attendees: [{ ExternalUserId: 'alice' }] });
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query: { operation: 'batch-create' },
      headers: { host: url.host, 'content-type': 'application/json' },
      body: signedBody,
    });
    const tampered = JSON.stringify({ Attendees: [{ ExternalUserId: 'mallory' }] });
    const response = await fetch(url, { method: 'POST', headers: signed.headers, body: tampered });
    expect(await refusal(response)).toMatchObject({ status: 403, type: 'InvalidSignatureException' });

    // The signer put the true hash in x-amz-content-sha256; a lie there is refused as well.
    const lying = { ...signed.headers, 'x-amz-content-sha256': '0'.repeat(64) };
    expect((await fetch(url, { method: 'POST', headers: lying, body: signedBody })).status).toBe(403);
    expect((await fetch(url, { method: 'POST', headers: signed.headers, body: signedBody })).status).toBe(200);
  });

  it('accepts requests signed by aws4fetch, which leaves content-type unsigned', async () => {
    const aws = new AwsClient({ ...LOCAL_CREDENTIALS, service: 'chime', region: 'us-east-1', retries: 0 });
    const response = await aws.fetch(`${emulator.url}/meetings/${meetingId}/attendees?operation=batch-create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Attendees: [{ ExternalUserId: 'signed by aws4fetch' }] }),
    });
    expect(response.status).toBe(200);
  });

  it('accepts temporary credentials only with their own session token', async () => {
    const sdk = new ChimeSDKMeetingsClient({ endpoint: emulator.url, region: 'us-east-1', credentials: SESSION, maxAttempts: 1 });
    try {
      expect((await sdk.send(new GetMeetingCommand({ MeetingId: meetingId }))).Meeting?.MeetingId).toBe(meetingId);
    } finally {
      sdk.destroy();
    }
    const { sessionToken, ...withoutToken } = SESSION;
    expect(sessionToken).toBeTruthy();
    for (const credentials of [
      withoutToken,
      { ...SESSION, sessionToken: 'another-token' },
      { ...LOCAL_CREDENTIALS, sessionToken: SESSION.sessionToken },
    ]) {
      expect(await refusal(await getMeeting({ credentials }))).toMatchObject({ status: 403, type: 'UnrecognizedClientException' });
    }
  });

  it('answers a signed request for no known operation with 404 UnknownOperationException', async () => {
    const response = await signedRequest(emulator.url, { method: 'PATCH', path: `/meetings/${meetingId}` });
    expect(await refusal(response)).toMatchObject({ status: 404, type: 'UnknownOperationException' });
    const long = await refusal(await signedRequest(emulator.url, { method: 'GET', path: `/meetings/${meetingId}/${'x'.repeat(10_000)}` }));
    expect(long).toMatchObject({ status: 404, body: { message: `No operation matches GET /meetings/${meetingId}/${'x'.repeat(17)}…` } });
  });
});
