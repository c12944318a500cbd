/*
 * What a bot page and its runner say to each other over HTTP on 127.0.0.1. No vscode, DOM or Node
 * import: both sides compile it.
 */

/** A bot's life: starting → signaling → joined → left, or a terminal failure on the way. */
export const BOT_STATES = ['starting', 'signaling', 'joined', 'left', 'media-not-emulated', 'failed'] as const;
export type BotState = (typeof BOT_STATES)[number];

export type Capability = 'SendReceive' | 'Send' | 'Receive' | 'None';
export interface BotCapabilities {
  Audio: Capability;
  Video: Capability;
  Content: Capability;
}

/** `GET /bots/<id>/join`: what the page joins with, as the worker answered it. */
export interface BotJoin {
  Meeting: { MeetingId: string; MediaPlacement?: { SignalingUrl?: string | undefined } | undefined } & Record<string, unknown>;
  Attendee: { AttendeeId: string; ExternalUserId: string; JoinToken: string; Capabilities?: BotCapabilities | undefined };
  /** How long to stay once joined, then leave. */
  seconds: number;
}

/** `POST /bots/<id>/state`. */
export interface BotReport {
  state: BotState;
  /** Why, for a failure; what ended it, for a leave. */
  detail?: string | undefined;
}

/** `GET /bots/<id>/control`: the runner asks the page to leave. */
export interface BotControl {
  leave: boolean;
}

/**
 * The local emulator closes the signaling connection with this code after a good JOIN: it has no media
 * server, so a session never starts there.
 */
export const MEDIA_NOT_EMULATED_CLOSE_CODE = 4999;
export const MEDIA_NOT_EMULATED_TEXT = 'signaling reached, media not emulated';

/** Sending is allowed by SendReceive and Send. */
export const sends = (capability: Capability | undefined): boolean => capability === 'SendReceive' || capability === 'Send';
