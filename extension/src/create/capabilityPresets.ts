import type { Capabilities } from '../../../shared/index.ts';

export interface CapabilityPreset {
  label: string;
  detail: string;
  /** Undefined sends no Capabilities, so the service's default (all SendReceive) applies. */
  capabilities?: Capabilities;
}

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
    label: 'Silent bot',
    detail: 'Joins without media: for filling a meeting cheaply',
    capabilities: { Audio: 'None', Video: 'None', Content: 'None' },
  },
];

export function describeCapabilities(capabilities: Capabilities): string {
  return `Audio ${capabilities.Audio} · Video ${capabilities.Video} · Content ${capabilities.Content}`;
}
