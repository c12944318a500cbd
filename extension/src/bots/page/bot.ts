/*
 * A test bot: one browser tab that joins a meeting with amazon-chime-sdk-js, sends fake audio and video where
 * its capabilities allow, and reports its state to the runner that served it. Bundled by esbuild.mjs; it
 * runs in a browser, never in the extension host.
 */
import {
  DefaultDeviceController,
  DefaultMeetingSession,
  MeetingSessionConfiguration,
  MeetingSessionStatusCode,
  NoOpLogger,
  type AudioVideoFacade,
  type MeetingSessionStatus,
} from 'amazon-chime-sdk-js';
import {
  MEDIA_NOT_EMULATED_CLOSE_CODE,
  MEDIA_NOT_EMULATED_TEXT,
  sends,
  type BotControl,
  type BotJoin,
  type BotReport,
} from '../protocol.ts';

const CONTROL_POLL_MS = 1_000;
const botPath = `/bots/${encodeURIComponent(new URLSearchParams(location.search).get('bot') ?? '')}`;

async function report(body: BotReport): Promise<void> {
  document.title = `${body.state}${body.detail ? `: ${body.detail}` : ''}`;
  const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  await fetch(`${botPath}/state`, init).catch(() => {});
}

/** How the signaling WebSocket last closed, seen by wrapping the WebSocket the SDK constructs. */
interface SignalingWatch {
  closed?: { code: number; reason: string };
}

function watchSignaling(signalingUrl: string, onOpen: () => void): SignalingWatch {
  const watch: SignalingWatch = {};
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      if (!String(url).startsWith(signalingUrl)) return;
      this.addEventListener('open', onOpen);
      this.addEventListener('close', ({ code, reason }) => (watch.closed = { code, reason }));
    }
  };
  return watch;
}

/** The state a session that stopped ends in. */
function ending(status: MeetingSessionStatus, joined: boolean, watch: SignalingWatch): BotReport {
  const name = MeetingSessionStatusCode[status.statusCode()] ?? String(status.statusCode());
  if (joined || status.statusCode() === MeetingSessionStatusCode.Left) return { state: 'left', detail: name };
  if (watch.closed?.code === MEDIA_NOT_EMULATED_CLOSE_CODE) return { state: 'media-not-emulated', detail: MEDIA_NOT_EMULATED_TEXT };
  const closed = watch.closed ? `; signaling closed with ${watch.closed.code} ${watch.closed.reason}` : '';
  return { state: 'failed', detail: `${name}${closed}` };
}

/** Fake devices (the browser's --use-fake-device-for-media-stream) for what the bot may send; silence otherwise. */
async function startInputs(audioVideo: AudioVideoFacade, join: BotJoin): Promise<boolean> {
  const capabilities = join.Attendee.Capabilities;
  if (sends(capabilities?.Audio ?? 'SendReceive')) {
    const [microphone] = await audioVideo.listAudioInputDevices();
    if (microphone) await audioVideo.startAudioInput(microphone.deviceId);
  }
  if (!sends(capabilities?.Video ?? 'SendReceive')) return false;
  const [camera] = await audioVideo.listVideoInputDevices();
  if (!camera) return false;
  await audioVideo.startVideoInput(camera.deviceId);
  return true;
}

function pollForLeave(audioVideo: AudioVideoFacade, isOver: () => boolean): void {
  const timer = setInterval(async () => {
    if (isOver()) return clearInterval(timer);
    const control = (await (await fetch(`${botPath}/control`)).json().catch(() => ({ leave: false }))) as BotControl;
    if (control.leave) audioVideo.stop();
  }, CONTROL_POLL_MS);
}

async function run(): Promise<void> {
  await report({ state: 'starting' });
  const join = (await (await fetch(`${botPath}/join`)).json()) as BotJoin;
  const signalingUrl = join.Meeting.MediaPlacement?.SignalingUrl;
  if (!signalingUrl) return report({ state: 'failed', detail: 'the meeting has no MediaPlacement.SignalingUrl' });
  const watch = watchSignaling(signalingUrl, () => void report({ state: 'signaling' }));
  const logger = new NoOpLogger();
  const configuration = new MeetingSessionConfiguration(join.Meeting, join.Attendee);
  const session = new DefaultMeetingSession(configuration, logger, new DefaultDeviceController(logger));
  const { audioVideo } = session;
  const sendsVideo = await startInputs(audioVideo, join);
  let joined = false;
  let over = false;
  audioVideo.addObserver({
    audioVideoDidStart: () => {
      joined = true;
      if (sendsVideo) audioVideo.startLocalVideoTile();
      void report({ state: 'joined' });
      setTimeout(() => audioVideo.stop(), join.seconds * 1_000);
    },
    audioVideoDidStop: (status) => {
      over = true;
      void report(ending(status, joined, watch));
    },
  });
  pollForLeave(audioVideo, () => over);
  audioVideo.start();
}

run().catch((error: unknown) => report({ state: 'failed', detail: error instanceof Error ? error.message : String(error) }));
