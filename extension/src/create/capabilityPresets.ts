import type { Capabilities } from '../../../shared/index.ts';

export interface CapabilityPreset {
  label: string;
  detail: string;
  /** Undefined sends no Capabilities, so the service's default (all SendReceive) applies. */
  capabilities?: Capabilities;
}

/**
 * What test bots get unless told otherwise. A bot that sends nothing adds no noise or upstream media
 * to the meeting it fills, yet receives audio as a listening person does, so the meeting carries
 * the load of a real audience. Receiving audio only (Video and Content None) is what every meeting
 * accepts: one made without video (MaxResolution None) refuses any attendee whose Video or Content
 * capability is not None.
 */
export const SILENT_BOT = 'Silent bot';

/** Common choices; each keeps the rule that Content may be received only alongside Video. */
export const CAPABILITY_PRESETS: readonly CapabilityPreset[] = [
  { label: 'Service default', detail: 'Send no Capabilities: the service gives everything SendReceive' },
  {
    label: 'Full participant',
    detail: 'Audio, video and content: SendReceive',
    capabilities: { Audio: 'SendReceive', Video: 'SendReceive', Content: 'SendReceive' },
  },
  {
    label: 'Audio only',
    detail: 'Talks and listens; no video or screen share',
    capabilities: { Audio: 'SendReceive', Video: 'None', Content: 'None' },
  },
  {
    label: 'Viewer',
    detail: 'Receives audio, video and content; sends nothing',
    capabilities: { Audio: 'Receive', Video: 'Receive', Content: 'Receive' },
  },
  {
    label: 'Presenter',
    detail: 'Talks and shares content; receives video',
    capabilities: { Audio: 'SendReceive', Video: 'Receive', Content: 'Send' },
  },
  {
    label: SILENT_BOT,
    detail: 'Listens, sends nothing: no noise, no upstream media, and it fits an audio-only meeting',
    capabilities: { Audio: 'Receive', Video: 'None', Content: 'None' },
  },
  {
    label: 'No media',
    detail: 'Holds a slot without audio, video or content',
    capabilities: { Audio: 'None', Video: 'None', Content: 'None' },
  },
];

export function describeCapabilities(capabilities: Capabilities): string {
  return `Audio ${capabilities.Audio} · Video ${capabilities.Video} · Content ${capabilities.Content}`;
}
