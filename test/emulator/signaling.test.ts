import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { emulatorControl } from '../support/emulator-control.ts';
import { MEDIA_NOT_EMULATED } from './defaults.ts';
import { startEmulator, type Emulator, type EmulatorMeeting } from './server.ts';
import { JOIN_TOKEN_REFUSED } from './signaling.ts';
import { signedRequest } from './signed-request.ts';

// The SDK's own signaling client, on a WebSocket with the browser's API (ws's), joins as a browser would.
const previousWebSocket = globalThis.WebSocket;
Object.assign(globalThis, { WebSocket });
const sdk = await import('amazon-chime-sdk-js');
const { DefaultSignalingClient, DefaultWebSocketAdapter, NoOpLogger } = sdk;
const { SignalingClientConnectionRequest, SignalingClientEventType, SignalingClientJoin } = sdk;

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  Object.assign(globalThis, { WebSocket: previousWebSocket });
  await emulator.close();
});

interface Attendee {
  AttendeeId: string;
  JoinToken: string;
}

async function createMeeting(): Promise<EmulatorMeeting> {
  return (await emulatorControl(emulator.url).createMeetingAnswer()).Meeting;
}

async function createAttendee(meeting: EmulatorMeeting, externalUserId: string): Promise<Attendee> {
  const path = `/meetings/${meeting.MeetingId}/attendees`;
  const response = await signedRequest(emulator.url, { method: 'POST', path, json: { ExternalUserId: externalUserId } });
  return ((await response.json()) as { Attendee: Attendee }).Attendee;
}

/** Opens the SDK's signaling connection, sends its JOIN once open, and resolves with how the emulator closed it. */
function joinWithSdk(signalingUrl: string, joinToken: string): Promise<{ code: number; reason: string }> {
  const logger = new NoOpLogger();
  const client = new DefaultSignalingClient(new DefaultWebSocketAdapter(logger), logger);
  return new Promise((resolve, reject) => {
    client.registerObserver({
      handleSignalingClientEvent(event: { type: number; closeCode?: number; closeReason?: string }) {
        if (event.type === SignalingClientEventType.WebSocketOpen) client.join(new SignalingClientJoin());
        if (event.type === SignalingClientEventType.WebSocketFailed) reject(new Error('the signaling connection failed'));
        if (event.type === SignalingClientEventType.WebSocketClosed) resolve({ code: event.closeCode!, reason: event.closeReason! });
      },
    });
    client.openConnection(new SignalingClientConnectionRequest(signalingUrl, joinToken));
  });
}

/** The HTTP status an upgrade is refused with. */
function refusedUpgrade(url: string, protocols: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, protocols);
    socket.once('unexpected-response', (request, response) => {
      resolve(response.statusCode ?? 0);
      request.destroy();
    });
    socket.on('error', () => {}); // the aborted handshake, after the status was read
    socket.once('open', () => reject(new Error('the upgrade was accepted')));
  });
}

describe('the signaling WebSocket', () => {
  it('puts the meeting’s SignalingUrl on the emulator itself', async () => {
    const meeting = await createMeeting();
    expect(meeting.MediaPlacement.SignalingUrl).toBe(`${emulator.url.replace('http:', 'ws:')}/control/${meeting.MeetingId}`);
  });

  it('records the JOIN the SDK sends with an attendee’s JoinToken, then closes: no media is emulated', async () => {
    emulator.reset();
    const meeting = await createMeeting();
    const attendee = await createAttendee(meeting, 'bot-1');
    expect(await joinWithSdk(meeting.MediaPlacement.SignalingUrl, attendee.JoinToken)).toEqual(MEDIA_NOT_EMULATED);
    const state = emulator.state();
    expect(state.joins).toEqual([
      {
        MeetingId: meeting.MeetingId,
        AttendeeId: attendee.AttendeeId,
        JoinTokenMatches: true,
        ProtocolVersion: 2,
        ClientSource: 'amazon-chime-sdk-js',
        ChimeSdkVersion: expect.stringMatching(/^3\./),
      },
    ]);
    expect(JSON.stringify(state)).not.toContain(attendee.JoinToken);
  });

  it('refuses a deleted attendee’s JoinToken, another meeting’s and an unknown one, naming whose it was', async () => {
    emulator.reset();
    const [meeting, other] = [await createMeeting(), await createMeeting()];
    const deleted = await createAttendee(meeting, 'bot-gone');
    await signedRequest(emulator.url, { method: 'DELETE', path: `/meetings/${meeting.MeetingId}/attendees/${deleted.AttendeeId}` });
    const elsewhere = await createAttendee(other, 'bot-elsewhere');

    for (const token of [deleted.JoinToken, elsewhere.JoinToken, 'never-handed-out']) {
      expect(await joinWithSdk(meeting.MediaPlacement.SignalingUrl, token)).toEqual(JOIN_TOKEN_REFUSED);
    }
    expect(emulator.state().joins.map(({ AttendeeId, JoinTokenMatches }) => ({ AttendeeId, JoinTokenMatches }))).toEqual([
      { AttendeeId: deleted.AttendeeId, JoinTokenMatches: false },
      { AttendeeId: elsewhere.AttendeeId, JoinTokenMatches: false },
      { AttendeeId: null, JoinTokenMatches: false },
    ]);
  });

  it('refuses upgrades that are not the SDK’s signaling connection', async () => {
    const meeting = await createMeeting();
    const ws = emulator.url.replace('http:', 'ws:');
    const query = '?X-Chime-Control-Protocol-Version=3&X-Amzn-Chime-Send-Close-On-Error=1';
    expect(await refusedUpgrade(`${ws}/elsewhere/${meeting.MeetingId}${query}`, ['_aws_wt_session', 'token'])).toBe(404);
    expect(await refusedUpgrade(`${ws}/control/${meeting.MeetingId}`, ['_aws_wt_session', 'token'])).toBe(400);
    expect(await refusedUpgrade(`${ws}/control/${meeting.MeetingId}${query}`, ['token'])).toBe(400);
  });

  it('forgets the joins on reset', async () => {
    const meeting = await createMeeting();
    await joinWithSdk(meeting.MediaPlacement.SignalingUrl, (await createAttendee(meeting, 'bot-2')).JoinToken);
    emulator.reset();
    expect(emulator.state().joins).toEqual([]);
  });
});
