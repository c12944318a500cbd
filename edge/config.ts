import { CHIME_APIS, DEFAULT_CHIME_API, LIMITS, MEDIA_REGIONS, type ChimeApi } from '../shared/index.ts';
import { readTokens } from './auth/token-config.ts';
import type { TokenEntry } from './auth/tokens.ts';
import type { Env } from './env.ts';
import { ConfigError } from './errors.ts';
import { commaSeparated } from './settings.ts';
import type { PaceLimits } from './pacing/schedule.ts';

/** Media regions without the chime-sdk-meetings API: every region that serves it is a media region too. */
const MEDIA_ONLY_REGIONS = new Set(['eu-north-1', 'eu-south-1', 'eu-west-1', 'eu-west-3', 'sa-east-1', 'us-east-2', 'us-west-1']);
/** Regions that serve the chime-sdk-meetings API, and those of them with FIPS endpoints. */
const MEETINGS_REGIONS = new Set<string>(MEDIA_REGIONS.filter((region) => !MEDIA_ONLY_REGIONS.has(region)));
const FIPS_REGIONS = new Set(['us-east-1', 'us-west-2', 'ca-central-1', 'us-gov-east-1', 'us-gov-west-1']);
/** The legacy API has one endpoint, signed for us-east-1. */
const LEGACY_REGION = 'us-east-1';
const REGION_SHAPE = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface Config {
  api: ChimeApi;
  /** The SigV4 signing region. */
  region: string;
  /** Base URL of the Chime API, without a trailing slash. */
  endpoint: string;
  credentials: Credentials;
  tokens: TokenEntry[];
  maxAttendees: number;
  retryDeadlineMs: number;
  /** Browser origins allowed to call the worker; none by default. */
  corsOrigins: string[];
  /** The rate each Amazon Chime operation is paced at, for these credentials and region. */
  pace: PaceLimits;
}

export const DEFAULT_RETRY_DEADLINE_MS = 15_000;
/**
 * Amazon Chime's default rate is 10 calls a second per operation, with a burst of 20. The pacer keeps
 * the rate and allows half the burst: the rest of AWS's bucket absorbs calls that arrive closer together
 * than they left, and the account's callers that do not go through the worker.
 */
const DEFAULT_PACE: PaceLimits = { callsPerSecond: 10, burst: 10 };
const MAX_PACE = 10_000;

/** Reads the bindings into a typed Config, or throws a ConfigError naming the first bad setting. */
export async function readConfig(env: Env): Promise<Config> {
  const api = readApi(env);
  const region = readRegion(api, env);
  const { attendeesPerMeeting } = LIMITS;
  return {
    api,
    region,
    endpoint: readEndpoint(api, region, env),
    credentials: readCredentials(env),
    tokens: await readTokens(env.API_TOKENS, env.API_TOKENS_JSON),
    maxAttendees: readInteger(env, 'MAX_ATTENDEES_PER_REQUEST', 1, attendeesPerMeeting, attendeesPerMeeting),
    retryDeadlineMs: readInteger(env, 'RETRY_DEADLINE_MS', 0, 120_000, DEFAULT_RETRY_DEADLINE_MS),
    corsOrigins: readOrigins(env.CORS_ORIGINS),
    pace: {
      callsPerSecond: readInteger(env, 'CHIME_CALLS_PER_SECOND', 1, MAX_PACE, DEFAULT_PACE.callsPerSecond),
      burst: readInteger(env, 'CHIME_CALLS_BURST', 1, MAX_PACE, DEFAULT_PACE.burst),
    },
  };
}

/** The settings that are text (CHIME_PACER is a binding). */
type Setting = Exclude<keyof Env, 'CHIME_PACER'>;

/** A setting's value, trimmed; undefined when it is unset or blank. */
function readSetting(env: Env, setting: Setting): string | undefined {
  return env[setting]?.trim() || undefined;
}

function readApi(env: Env): ChimeApi {
  const api = readSetting(env, 'CHIME_API') ?? DEFAULT_CHIME_API;
  if (!(CHIME_APIS as readonly string[]).includes(api)) throw new ConfigError('CHIME_API', `must be one of ${CHIME_APIS.join(', ')}`);
  return api as ChimeApi;
}

function readRegion(api: ChimeApi, env: Env): string {
  const region = readSetting(env, 'AWS_REGION');
  if (api === 'chime') {
    if (region && region !== LEGACY_REGION) throw new ConfigError('AWS_REGION', `must be ${LEGACY_REGION} (or unset) with CHIME_API=chime`);
    return LEGACY_REGION;
  }
  if (!region) throw new ConfigError('AWS_REGION', 'is required');
  // A custom endpoint (an emulator, a proxy) may sign for any region; AWS's own hosts exist only in some.
  const known = readSetting(env, 'CHIME_ENDPOINT') ? REGION_SHAPE.test(region) : MEETINGS_REGIONS.has(region);
  if (!known)
    throw new ConfigError('AWS_REGION', `must be a region that serves Amazon Chime SDK meetings (${[...MEETINGS_REGIONS].join(', ')})`);
  return region;
}

function readEndpoint(api: ChimeApi, region: string, env: Env): string {
  const custom = readSetting(env, 'CHIME_ENDPOINT');
  if (custom) {
    const url = parseUrl(custom);
    if (url?.protocol !== 'http:' && url?.protocol !== 'https:') throw new ConfigError('CHIME_ENDPOINT', 'must be an http or https URL');
    if (url.search || url.hash) throw new ConfigError('CHIME_ENDPOINT', 'must not have a query or fragment');
    return url.href.replace(/\/+$/, '');
  }
  if (api === 'chime') return `https://chime.${LEGACY_REGION}.amazonaws.com`;
  const fips = readBoolean(env, 'CHIME_USE_FIPS');
  if (fips && !FIPS_REGIONS.has(region)) throw new ConfigError('CHIME_USE_FIPS', `is available only in ${[...FIPS_REGIONS].join(', ')}`);
  return `https://meetings-chime${fips ? '-fips' : ''}.${region}.amazonaws.com`;
}

function readCredentials(env: Env): Credentials {
  const accessKeyId = readSecret(env, 'AWS_ACCESS_KEY_ID');
  const secretAccessKey = readSecret(env, 'AWS_SECRET_ACCESS_KEY');
  return { accessKeyId, secretAccessKey, sessionToken: readSetting(env, 'AWS_SESSION_TOKEN') };
}

function readSecret(env: Env, setting: Setting): string {
  const value = readSetting(env, setting);
  if (!value) throw new ConfigError(setting, 'is required (a Worker secret)');
  return value;
}

function readBoolean(env: Env, setting: Setting): boolean {
  const text = readSetting(env, setting)?.toLowerCase();
  if (text === undefined || text === 'false') return false;
  if (text === 'true') return true;
  throw new ConfigError(setting, 'must be true or false');
}

function readInteger(env: Env, setting: Setting, min: number, max: number, fallback: number): number {
  const text = readSetting(env, setting);
  if (text === undefined) return fallback;
  const number = Number(text);
  if (!Number.isInteger(number) || number < min || number > max)
    throw new ConfigError(setting, `must be a whole number from ${min} to ${max}`);
  return number;
}

/** CORS_ORIGINS: comma-separated origins such as https://app.example.com; `*` is refused, tokens are credentials. */
function readOrigins(value: string | undefined): string[] {
  const origins = commaSeparated(value);
  for (const origin of origins) {
    if (parseUrl(origin)?.origin !== origin)
      throw new ConfigError('CORS_ORIGINS', 'must list origins such as https://app.example.com, comma-separated');
  }
  return origins;
}

/** The URL `text` spells, or undefined when it is none. */
function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
