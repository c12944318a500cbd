import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMEOUT_SECONDS, DEFAULT_WORKER_URL, normalizeSettings, type RawSettings } from '../../../extension/src/settingsValues.ts';

const raw = (overrides: Partial<RawSettings> = {}): RawSettings => ({
  workerUrl: DEFAULT_WORKER_URL,
  requestTimeoutSeconds: 30,
  defaultCapabilities: null,
  defaultTags: [],
  ...overrides,
});

describe('normalizeSettings', () => {
  it('passes good values through, trimming the URL’s trailing slash', () => {
    const capabilities = { Audio: 'SendReceive', Video: 'None', Content: 'None' };
    const tags = [{ Key: 'team', Value: 'qa' }];
    expect(normalizeSettings(raw({ workerUrl: ' https://worker.example.com/api/ ', requestTimeoutSeconds: 5, defaultCapabilities: capabilities, defaultTags: tags }))).toEqual({
      workerUrl: 'https://worker.example.com/api',
      timeoutSeconds: 5,
      defaultCapabilities: capabilities,
      defaultTags: tags,
      problems: [],
    });
  });

  it('takes null capabilities and an empty tag list as none, without complaint', () => {
    expect(normalizeSettings(raw())).toMatchObject({ defaultCapabilities: undefined, defaultTags: undefined, problems: [] });
  });

  it('falls back to defaults for unusable values, saying why (but not echoing them)', () => {
    const values = normalizeSettings(
      raw({ workerUrl: 'ftp://x', requestTimeoutSeconds: 0, defaultCapabilities: { Audio: 'Loud' }, defaultTags: [{ Key: '', Value: 'secret-value' }] }),
    );
    expect(values).toMatchObject({ workerUrl: DEFAULT_WORKER_URL, timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, defaultCapabilities: undefined, defaultTags: undefined });
    expect(values.problems).toHaveLength(4);
    expect(values.problems.join('\n')).not.toContain('secret-value');
    expect(values.problems[0]).toContain('chimeAttendees.workerUrl');
  });
});
