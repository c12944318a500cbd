import { describe, expect, it } from 'vitest';
import { CAPABILITY_PRESETS, describeCapabilities, SILENT_BOT } from '../../../extension/src/create/capabilityPresets.ts';
import { CapabilitiesSchema, parseSafely } from '../../../shared/index.ts';

describe('capability presets', () => {
  it.each(CAPABILITY_PRESETS.filter((preset) => preset.capabilities))('$label keeps the contract’s rules', ({ capabilities }) => {
    expect(parseSafely(CapabilitiesSchema, capabilities).success).toBe(true);
  });

  it('offers the service default (no Capabilities) first', () => {
    expect(CAPABILITY_PRESETS[0]?.capabilities).toBeUndefined();
  });

  it('makes the silent bot a listener: it receives audio, sends nothing, and needs no video in the meeting', () => {
    const silent = CAPABILITY_PRESETS.find((preset) => preset.label === SILENT_BOT)?.capabilities;
    expect(silent).toEqual({ Audio: 'Receive', Video: 'None', Content: 'None' });
  });

  it('describes capabilities in one line', () => {
    expect(describeCapabilities({ Audio: 'SendReceive', Video: 'None', Content: 'Receive' })).toBe(
      'Audio SendReceive · Video None · Content Receive',
    );
  });
});
