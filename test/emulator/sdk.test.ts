import {
  BadRequestException,
  BatchCreateAttendeeCommand,
  ChimeSDKMeetingsClient,
  CreateAttendeeCommand,
  CreateMeetingCommand,
  DeleteAttendeeCommand,
  DeleteMeetingCommand,
  GetAttendeeCommand,
  GetMeetingCommand,
  LimitExceededException,
  ListAttendeesCommand,
  NotFoundException,
  ThrottlingException,
  paginateListAttendees,
} from '@aws-sdk/client-chime-sdk-meetings';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from './defaults.ts';
import { startEmulator, type Emulator, type EmulatorCredentials } from './server.ts';

// Fidelity proof: AWS's own SDK, unchanged, against the emulator. If it parses every answer and
// raises the right typed exceptions, the emulator speaks Chime's rest-json wire format.

let emulator: Emulator;
const clients: ChimeSDKMeetingsClient[] = [];

function sdk(credentials: EmulatorCredentials = LOCAL_CREDENTIALS): ChimeSDKMeetingsClient {
  const client = new ChimeSDKMeetingsClient({ endpoint: emulator.url, region: 'us-east-1', credentials, maxAttempts: 1 });
  clients.push(client);
  return client;
}

async function newMeeting(client = sdk()): Promise<string> {
  const { Meeting } = await client.send(new CreateMeetingCommand({ MediaRegion: 'us-east-1', ExternalMeetingId: 'sdk-test' }));
  return Meeting!.MeetingId!;
}

const users = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => ({ ExternalUserId: `${prefix}-${i}` }));

beforeAll(async () => {
  emulator = await startEmulator();
});
afterEach(() => emulator.reset());
afterAll(async () => {
  for (const client of clients) client.destroy();
  await emulator.close();
});

describe('the AWS SDK against the emulator', () => {
  it('creates, reads and deletes a meeting', async () => {
    const client = sdk();
    const created = await client.send(
      new CreateMeetingCommand({
        ClientRequestToken: 'token-1',
        MediaRegion: 'eu-central-1',
        ExternalMeetingId: 'standup',
        MeetingHostId: 'host-1',
      }),
    );
    const meeting = created.Meeting!;
    expect(created.$metadata.httpStatusCode).toBe(200);
    expect(meeting).toMatchObject({ ExternalMeetingId: 'standup', MediaRegion: 'eu-central-1', MeetingHostId: 'host-1' });
    expect(meeting.MeetingArn).toBe(`arn:aws:chime:us-east-1:000000000000:meeting/${meeting.MeetingId}`);
    expect(Object.keys(meeting.MediaPlacement!).sort()).toEqual([
      'AudioFallbackUrl',
      'AudioHostUrl',
      'EventIngestionUrl',
      'ScreenDataUrl',
      'ScreenSharingUrl',
      'ScreenViewingUrl',
      'SignalingUrl',
      'TurnControlUrl',
    ]);

    const again = await client.send(
      new CreateMeetingCommand({ ClientRequestToken: 'token-1', MediaRegion: 'eu-central-1', ExternalMeetingId: 'standup' }),
    );
    expect(again.Meeting).toEqual(meeting);
    expect((await client.send(new GetMeetingCommand({ MeetingId: meeting.MeetingId }))).Meeting).toEqual(meeting);

    const deleted = await client.send(new DeleteMeetingCommand({ MeetingId: meeting.MeetingId }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    const ended = await client.send(new GetMeetingCommand({ MeetingId: meeting.MeetingId })).catch((error: unknown) => error);
    expect(ended).toBeInstanceOf(NotFoundException);
    expect((ended as NotFoundException).message).toBe('The meeting has ended');
  });

  it('creates attendees in a batch, with and without capabilities', async () => {
    const client = sdk();
    const MeetingId = await newMeeting(client);
    const capabilities = { Audio: 'SendReceive', Video: 'Receive', Content: 'Receive' } as const;
    const { Attendees, Errors, $metadata } = await client.send(
      new BatchCreateAttendeeCommand({
        MeetingId,
        Attendees: [{ ExternalUserId: 'alice', Capabilities: capabilities }, { ExternalUserId: 'bob' }],
      }),
    );
    expect($metadata.httpStatusCode).toBe(200);
    expect(Errors).toEqual([]);
    expect(Attendees).toHaveLength(2);
    const [alice, bob] = Attendees!;
    expect(alice).toMatchObject({ ExternalUserId: 'alice', Capabilities: capabilities });
    expect(bob).toMatchObject({
      ExternalUserId: 'bob',
      Capabilities: { Audio: 'SendReceive', Video: 'SendReceive', Content: 'SendReceive' },
    });
    expect(alice!.AttendeeId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(alice!.JoinToken!.length).toBeGreaterThanOrEqual(100);
    expect(alice!.JoinToken).not.toBe(bob!.JoinToken);
  });

  it('creates, gets, lists with paging and deletes single attendees', async () => {
    const client = sdk();
    const MeetingId = await newMeeting(client);
    const { Attendee } = await client.send(new CreateAttendeeCommand({ MeetingId, ExternalUserId: 'carol' }));
    expect(await client.send(new GetAttendeeCommand({ MeetingId, AttendeeId: Attendee!.AttendeeId }))).toMatchObject({ Attendee });
    await client.send(new BatchCreateAttendeeCommand({ MeetingId, Attendees: users(4, 'dave') }));

    const firstPage = await client.send(new ListAttendeesCommand({ MeetingId, MaxResults: 2 }));
    expect(firstPage.Attendees!.map((a) => a.ExternalUserId)).toEqual(['carol', 'dave-0']);
    expect(firstPage.NextToken).toBeTruthy();
    const seen: string[] = [];
    for await (const page of paginateListAttendees({ client, pageSize: 2 }, { MeetingId })) {
      seen.push(...page.Attendees!.map((a) => a.ExternalUserId!));
    }
    expect(seen).toEqual(['carol', 'dave-0', 'dave-1', 'dave-2', 'dave-3']);

    const deleted = await client.send(new DeleteAttendeeCommand({ MeetingId, AttendeeId: Attendee!.AttendeeId }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    const gone = await client
      .send(new GetAttendeeCommand({ MeetingId, AttendeeId: Attendee!.AttendeeId }))
      .catch((error: unknown) => error);
    expect(gone).toBeInstanceOf(NotFoundException);
    expect((await client.send(new ListAttendeesCommand({ MeetingId }))).Attendees).toHaveLength(4);
  });

  it('raises NotFoundException for an unknown meeting', async () => {
    const MeetingId = '00000000-0000-4000-8000-000000000000';
    const error = await sdk()
      .send(new BatchCreateAttendeeCommand({ MeetingId, Attendees: users(1, 'x') }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundException);
    expect(error).toMatchObject({ message: `Meeting <${MeetingId}> not found`, $metadata: { httpStatusCode: 404 } });
    expect((error as NotFoundException).RequestId).toBe((error as NotFoundException).$metadata.requestId);
  });

  it('raises LimitExceededException once a meeting holds 250 attendees', async () => {
    const client = sdk();
    const MeetingId = await newMeeting(client);
    for (const prefix of ['a', 'b']) await client.send(new BatchCreateAttendeeCommand({ MeetingId, Attendees: users(100, prefix) }));
    await client.send(new BatchCreateAttendeeCommand({ MeetingId, Attendees: users(50, 'c') }));
    const error = await client.send(new BatchCreateAttendeeCommand({ MeetingId, Attendees: users(1, 'd') })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LimitExceededException);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 400 } });
  });

  it('keeps MeetingFeatures, holds attendees to MaxCount and refuses what the features rule out', async () => {
    const client = sdk();
    const MeetingFeatures = {
      Audio: { EchoReduction: 'AVAILABLE' },
      Video: { MaxResolution: 'FHD' },
      Content: { MaxResolution: 'None' },
      Attendee: { MaxCount: 2 },
    } as const;
    const tagged = { Tags: [{ Key: 'team', Value: 'qa' }], TenantIds: ['t-1'] };
    const { Meeting } = await client.send(
      new CreateMeetingCommand({ MediaRegion: 'us-west-2', ExternalMeetingId: 'fhd', MeetingFeatures, ...tagged }),
    );
    expect(Meeting).toMatchObject({ MeetingFeatures, TenantIds: ['t-1'], MediaRegion: 'us-west-2' });
    const MeetingId = Meeting!.MeetingId!;
    const { Attendees, Errors } = await client.send(new BatchCreateAttendeeCommand({ MeetingId, Attendees: users(3, 'm') }));
    expect([Attendees!.length, Errors!.map((e) => e.ErrorCode)]).toEqual([2, ['LimitExceededException']]);
    const full = await client.send(new CreateAttendeeCommand({ MeetingId, ExternalUserId: 'late' })).catch((e: unknown) => e);
    expect(full).toBeInstanceOf(LimitExceededException);

    const content = { Audio: 'SendReceive', Video: 'SendReceive', Content: 'Send' } as const;
    const sharer = new BatchCreateAttendeeCommand({ MeetingId, Attendees: [{ ExternalUserId: 'sharer', Capabilities: content }] });
    const refused = await client.send(sharer).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BadRequestException);
    const features = { Video: { MaxResolution: 'FHD' } } as const;
    const fhd = new CreateMeetingCommand({ MediaRegion: 'us-east-1', ExternalMeetingId: 'fhd-no-count', MeetingFeatures: features });
    const noMaxCount = await client.send(fhd).catch((e: unknown) => e);
    expect(noMaxCount).toBeInstanceOf(BadRequestException);
  });

  it('raises NotFoundException, "The meeting has ended", for a meeting that ended by itself', async () => {
    const shortLived = await startEmulator({ meetingAutoEndMs: 1_000 });
    const options = { endpoint: shortLived.url, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 };
    const client = new ChimeSDKMeetingsClient(options);
    try {
      const { Meeting } = await client.send(new CreateMeetingCommand({ MediaRegion: 'us-east-1', ExternalMeetingId: 'short' }));
      // Held back past the meeting's end by the emulator itself: no sleep, no race.
      shortLived.setFaults({ operations: ['GetMeeting'], latencyMs: 1_100 });
      const ended = await client.send(new GetMeetingCommand({ MeetingId: Meeting!.MeetingId })).catch((e: unknown) => e);
      expect(ended).toBeInstanceOf(NotFoundException);
      expect((ended as NotFoundException).message).toBe('The meeting has ended');
    } finally {
      client.destroy();
      await shortLived.close();
    }
  });

  it('raises BadRequestException for an invalid ExternalUserId', async () => {
    const MeetingId = await newMeeting();
    for (const ExternalUserId of ['Q', 'aws:secret-bot', 'nbsp\u00a0user', 'Z'.repeat(65)]) {
      const error = await sdk()
        .send(new BatchCreateAttendeeCommand({ MeetingId, Attendees: [{ ExternalUserId }] }))
        .catch((e: unknown) => e);
      expect(error, ExternalUserId).toBeInstanceOf(BadRequestException);
      expect((error as Error).message).not.toContain(ExternalUserId);
    }
  });

  it('raises the SDK error for a wrong secret: InvalidSignatureException, 403', async () => {
    const error = await sdk({ ...LOCAL_CREDENTIALS, secretAccessKey: 'not-the-secret' })
      .send(new GetMeetingCommand({ MeetingId: await newMeeting() }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'InvalidSignatureException', $fault: 'client', $metadata: { httpStatusCode: 403 } });
    expect((error as Error).message).toContain('The request signature we calculated does not match');
  });

  it('raises ThrottlingException for an injected 429', async () => {
    const MeetingId = await newMeeting();
    emulator.setFaults({ script: [{ outcome: 429, retryAfterSeconds: 2 }] });
    const error = await sdk()
      .send(new BatchCreateAttendeeCommand({ MeetingId, Attendees: users(1, 't') }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottlingException);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 429, attempts: 1 } });
    expect(emulator.state().meetings[0]!.Attendees).toEqual([]);
  });
});
