import type * as v from 'valibot';
import { CapabilitiesSchema, parseSafely, TagsSchema, type Capabilities, type Tag } from '../../shared/index.ts';
import type { LogSink } from './log/logger.ts';

/*
 * The chimeAttendees settings: read here and nowhere else, made safe to use, and read again when they
 * change. No vscode import: VS Code's workspace is handed in.
 */

export const SECTION = 'chimeAttendees';

export const DEFAULT_WORKER_URL = 'http://127.0.0.1:8787';
export const DEFAULT_TIMEOUT_SECONDS = 30;
const TIMEOUT_RANGE = { min: 1, max: 300 } as const;

export interface RawSettings {
  workerUrl: unknown;
  requestTimeoutSeconds: unknown;
  defaultCapabilities: unknown;
  defaultTags: unknown;
  botsBrowserPath: unknown;
}

export interface SettingsValues {
  /** Without a trailing slash. */
  workerUrl: string;
  timeoutSeconds: number;
  defaultCapabilities: Capabilities | undefined;
  defaultTags: Tag[] | undefined;
  /** The Chromium, Chrome or Edge executable the test bots run in; undefined looks for one on PATH. */
  botsBrowserPath: string | undefined;
  /** One line per value that was unusable and replaced by its default, for the log. */
  problems: string[];
}

/** What the settings need of VS Code's workspace. */
export interface ConfigurationSource {
  getConfiguration(section: string): { get(key: string): unknown };
  onDidChangeConfiguration(listener: (event: { affectsConfiguration(section: string): boolean }) => void): { dispose(): void };
}

export interface Settings {
  /** The values as of the last change: edits apply to the next request without a reload. */
  current(): SettingsValues;
  dispose(): void;
}

/** Reads the settings now and after every change to them, logging each value that had to be replaced. */
export function watchSettings(workspace: ConfigurationSource, log: Pick<LogSink, 'warn'>): Settings {
  const read = () => {
    const config = workspace.getConfiguration(SECTION);
    const values = normalizeSettings({
      workerUrl: config.get('workerUrl'),
      requestTimeoutSeconds: config.get('requestTimeoutSeconds'),
      defaultCapabilities: config.get('defaultCapabilities'),
      defaultTags: config.get('defaultTags'),
      botsBrowserPath: config.get('bots.browserPath'),
    });
    for (const problem of values.problems) log.warn(problem);
    return values;
  };
  let values = read();
  const subscription = workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SECTION)) values = read();
  });
  return { current: () => values, dispose: () => subscription.dispose() };
}

/** Settings as typed by people, made safe to use: anything unusable falls back to its default. */
export function normalizeSettings(raw: RawSettings): SettingsValues {
  const problems: string[] = [];
  const complain = (message: string) => void problems.push(message);
  return {
    workerUrl: normalizeUrl(raw.workerUrl, complain),
    timeoutSeconds: normalizeTimeout(raw.requestTimeoutSeconds, complain),
    defaultCapabilities: normalizeOptional(CapabilitiesSchema, raw.defaultCapabilities, 'defaultCapabilities', complain),
    defaultTags: isEmptyList(raw.defaultTags) ? undefined : normalizeOptional(TagsSchema, raw.defaultTags, 'defaultTags', complain),
    botsBrowserPath: normalizePath(raw.botsBrowserPath, 'bots.browserPath', complain),
    problems,
  };
}

function normalizeUrl(value: unknown, complain: (message: string) => void): string {
  if (typeof value === 'string' && /^https?:\/\//i.test(value.trim()) && URL.canParse(value.trim())) {
    return value.trim().replace(/\/+$/, '');
  }
  complain(`${SECTION}.workerUrl must be an http:// or https:// URL; using ${DEFAULT_WORKER_URL}`);
  return DEFAULT_WORKER_URL;
}

function normalizeTimeout(value: unknown, complain: (message: string) => void): number {
  if (typeof value === 'number' && value >= TIMEOUT_RANGE.min && value <= TIMEOUT_RANGE.max) return value;
  complain(`${SECTION}.requestTimeoutSeconds must be ${TIMEOUT_RANGE.min} to ${TIMEOUT_RANGE.max}; using ${DEFAULT_TIMEOUT_SECONDS}`);
  return DEFAULT_TIMEOUT_SECONDS;
}

function normalizeOptional<S extends v.GenericSchema>(
  schema: S,
  value: unknown,
  name: string,
  complain: (message: string) => void,
): v.InferOutput<S> | undefined {
  if (value === null || value === undefined) return undefined;
  const result = parseSafely(schema, value);
  if (result.success) return result.output;
  complain(`${SECTION}.${name} ignored: ${result.issues[0].message}`);
  return undefined;
}

/** A path as typed: trimmed, empty meaning none. */
function normalizePath(value: unknown, name: string, complain: (message: string) => void): string | undefined {
  if (value === null || value === undefined || (typeof value === 'string' && !value.trim())) return undefined;
  if (typeof value === 'string') return value.trim();
  complain(`${SECTION}.${name} must be a path to an executable; looking for one on PATH instead`);
  return undefined;
}

const isEmptyList = (value: unknown) => Array.isArray(value) && value.length === 0;
