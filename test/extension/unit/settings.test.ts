import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TIMEOUT_SECONDS,
  DEFAULT_WORKER_URL,
  normalizeSettings,
  watchSettings,
  type ConfigurationSource,
  type RawSettings,
} from '../../../extension/src/settings.ts';

const raw = (overrides: Partial<RawSettings> = {}): RawSettings => ({
  workerUrl: DEFAULT_WORKER_URL,
  requestTimeoutSeconds: 30,
  defaultCapabilities: null,
  defaultTags: [],
  botsBrowserPath: '',
  ...overrides,
});

describe('normalizeSettings', () => {
  it('passes good values through, trimming the URL’s trailing slash', () => {
    const capabilities = { Audio: 'SendReceive', Video: 'None', Content: 'None' };
    const tags = [{ Key: 'team', Value: 'qa' }];
    expect(
      normalizeSettings(
        raw({
          workerUrl: ' https://worker.example.com/api/ ',
          requestTimeoutSeconds: 5,
          defaultCapabilities: capabilities,
          defaultTags: tags,
          botsBrowserPath: ' /usr/bin/chromium ',
        }),
      ),
    ).toEqual({
      workerUrl: 'https://worker.example.com/api',
      timeoutSeconds: 5,
      defaultCapabilities: capabilities,
      defaultTags: tags,
      botsBrowserPath: '/usr/bin/chromium',
      problems: [],
    });
  });

  it('takes null capabilities and an empty tag list as none, without complaint', () => {
    expect(normalizeSettings(raw())).toMatchObject({
      defaultCapabilities: undefined,
      defaultTags: undefined,
      botsBrowserPath: undefined,
      problems: [],
    });
  });

  it('falls back to defaults for unusable values, saying why (but not echoing them)', () => {
    const values = normalizeSettings(
      raw({
        workerUrl: 'ftp://x',
        requestTimeoutSeconds: 0,
        defaultCapabilities: { Audio: 'Loud' },
        defaultTags: [{ Key: '', Value: 'secret-value' }],
        botsBrowserPath: 42,
      }),
    );
    expect(values).toMatchObject({
      workerUrl: DEFAULT_WORKER_URL,
      timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
      defaultCapabilities: undefined,
      defaultTags: undefined,
      botsBrowserPath: undefined,
    });
    expect(values.problems).toHaveLength(5);
    expect(values.problems.join('\n')).not.toContain('secret-value');
    expect(values.problems[0]).toContain('chimeAttendees.workerUrl');
  });
});

/** VS Code's workspace as the settings see it: values by key, and the change listeners. */
function fakeWorkspace(values: Record<string, unknown>) {
  const listeners = new Set<Parameters<ConfigurationSource['onDidChangeConfiguration']>[0]>();
  const workspace: ConfigurationSource = {
    getConfiguration: (section) => ({ get: (key) => values[`${section}.${key}`] }),
    onDidChangeConfiguration(listener) {
      listeners.add(listener);
      return { dispose: () => void listeners.delete(listener) };
    },
  };
  const change = (section: string) =>
    listeners.forEach((listener) => listener({ affectsConfiguration: (name) => section.startsWith(name) }));
  return { workspace, values, change, listeners };
}

describe('watchSettings', () => {
  it('reads the chimeAttendees section, and again only after a change to it', () => {
    const fake = fakeWorkspace({ 'chimeAttendees.workerUrl': 'https://one.example.com', 'chimeAttendees.requestTimeoutSeconds': 5 });
    const warnings: string[] = [];
    const settings = watchSettings(fake.workspace, { warn: (line) => void warnings.push(line) });
    expect(settings.current()).toMatchObject({ workerUrl: 'https://one.example.com', timeoutSeconds: 5 });

    fake.values['chimeAttendees.workerUrl'] = 'https://two.example.com';
    fake.change('editor.fontSize');
    expect(settings.current().workerUrl).toBe('https://one.example.com');
    fake.change('chimeAttendees.workerUrl');
    expect(settings.current().workerUrl).toBe('https://two.example.com');
    expect(warnings).toEqual([]);

    fake.values['chimeAttendees.requestTimeoutSeconds'] = 0;
    fake.change('chimeAttendees.requestTimeoutSeconds');
    expect(settings.current().timeoutSeconds).toBe(DEFAULT_TIMEOUT_SECONDS);
    expect(warnings).toEqual([`chimeAttendees.requestTimeoutSeconds must be 1 to 300; using ${DEFAULT_TIMEOUT_SECONDS}`]);
  });

  it('stops listening once disposed', () => {
    const fake = fakeWorkspace({});
    watchSettings(fake.workspace, { warn: () => {} }).dispose();
    expect(fake.listeners.size).toBe(0);
  });
});
