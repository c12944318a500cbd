import type * as v from 'valibot';
import { CapabilitiesSchema, parseSafely, TagsSchema, type Capabilities, type Tag } from '../../shared/index.ts';

export const DEFAULT_WORKER_URL = 'http://127.0.0.1:8787';
export const DEFAULT_TIMEOUT_SECONDS = 30;
const TIMEOUT_RANGE = { min: 1, max: 300 } as const;

export interface RawSettings {
  workerUrl: unknown;
  requestTimeoutSeconds: unknown;
  defaultCapabilities: unknown;
  defaultTags: unknown;
}

export interface SettingsValues {
  /** Without a trailing slash. */
  workerUrl: string;
  timeoutSeconds: number;
  defaultCapabilities: Capabilities | undefined;
  defaultTags: Tag[] | undefined;
  /** One line per value that was unusable and replaced by its default, for the log. */
  problems: string[];
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
    problems,
  };
}

function normalizeUrl(value: unknown, complain: (message: string) => void): string {
  if (typeof value === 'string' && /^https?:\/\//i.test(value.trim()) && URL.canParse(value.trim())) {
    return value.trim().replace(/\/+$/, '');
  }
  complain(`chimeAttendees.workerUrl must be an http:// or https:// URL; using ${DEFAULT_WORKER_URL}`);
  return DEFAULT_WORKER_URL;
}

function normalizeTimeout(value: unknown, complain: (message: string) => void): number {
  if (typeof value === 'number' && value >= TIMEOUT_RANGE.min && value <= TIMEOUT_RANGE.max) return value;
  complain(`chimeAttendees.requestTimeoutSeconds must be ${TIMEOUT_RANGE.min} to ${TIMEOUT_RANGE.max}; using ${DEFAULT_TIMEOUT_SECONDS}`);
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
  complain(`chimeAttendees.${name} ignored: ${result.issues[0].message}`);
  return undefined;
}

const isEmptyList = (value: unknown) => Array.isArray(value) && value.length === 0;
