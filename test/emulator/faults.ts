import { OPERATIONS, type Faults } from './types.ts';
import { excerpt, isRecord } from './validate.ts';

/** What one faultable call gets: a normal answer, an error status, or a dropped connection. */
export type FaultOutcome =
  { kind: 'answer' } | { kind: 'error'; status: number; retryAfterSeconds?: number } | { kind: 'drop' } | { kind: 'drop-after' };

const DEFAULT_SEED = 1;
const DEFAULT_OPERATIONS = ['BatchCreateAttendee'];
/** Bounds what a PUT /_emulator/faults can make the emulator hold or wait. */
const MAX_SCRIPT_LENGTH = 10_000;
const MAX_LATENCY_MS = 60_000;
const MAX_RETRY_AFTER_SECONDS = 3_600;

/** mulberry32: tiny, seedable, good enough to spread faults; the same seed gives the same faults. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Decides the outcome of each faultable call: the script first, then seeded random draws. */
export class FaultInjector {
  readonly faults: Readonly<Faults>;
  readonly #operations: ReadonlySet<string>;
  readonly #script: NonNullable<Faults['script']>;
  readonly #random: () => number;

  constructor(faults: Faults = {}) {
    this.faults = faults;
    this.#operations = new Set(faults.operations ?? DEFAULT_OPERATIONS);
    this.#script = [...(faults.script ?? [])];
    this.#random = seededRandom(faults.seed ?? DEFAULT_SEED);
  }

  appliesTo(operation: string): boolean {
    return this.#operations.has(operation);
  }

  get latencyMs(): number {
    return this.faults.latencyMs ?? 0;
  }

  next(): FaultOutcome {
    const scripted = this.#script.shift();
    if (scripted) {
      const { outcome } = scripted;
      if (outcome === 'drop' || outcome === 'drop-after') return { kind: outcome };
      if (outcome < 400) return { kind: 'answer' };
      return this.#error(outcome, scripted.retryAfterSeconds);
    }
    // Each knob gets its own draw, in this order, so any mix of rates in 0..1 is meaningful:
    // a rate is the share of the calls that the knobs before it left alone.
    const { dropRate = 0, dropAfterRate = 0, throttleRate = 0, errorRate = 0 } = this.faults;
    if (this.#random() < dropRate) return { kind: 'drop' };
    if (this.#random() < dropAfterRate) return { kind: 'drop-after' };
    if (this.#random() < throttleRate) return this.#error(429);
    if (this.#random() < errorRate) return this.#error(this.#random() < 0.5 ? 500 : 503);
    return { kind: 'answer' };
  }

  #error(status: number, retryAfterSeconds = this.faults.retryAfterSeconds): FaultOutcome {
    const carriesRetryAfter = (status === 429 || status === 503) && retryAfterSeconds !== undefined;
    return carriesRetryAfter ? { kind: 'error', status, retryAfterSeconds } : { kind: 'error', status };
  }
}

/** Raised for a Faults value that would be ambiguous or unbounded; the message says which field. */
export class InvalidFaultsError extends Error {
  override readonly name = 'InvalidFaultsError';
}

const RATE_KEYS = ['throttleRate', 'errorRate', 'dropRate', 'dropAfterRate'] as const;
const KNOWN_KEYS = new Set<string>([...RATE_KEYS, 'seed', 'retryAfterSeconds', 'latencyMs', 'script', 'operations']);

/** Checks untrusted input (PUT /_emulator/faults, or options) strictly: a typo must not silently mean "no faults". */
export function parseFaults(input: unknown): Faults {
  if (!isRecord(input)) throw new InvalidFaultsError('faults must be a JSON object');
  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.has(key)) throw new InvalidFaultsError(`faults.${excerpt(key)} is not a known field`);
  }
  const faults: Faults = {};
  if (input.seed !== undefined) faults.seed = integer(input.seed, 'seed', 0, 2 ** 32 - 1);
  for (const key of RATE_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new InvalidFaultsError(`faults.${key} must be a number from 0 to 1`);
    }
    faults[key] = value;
  }
  if (input.retryAfterSeconds !== undefined) {
    faults.retryAfterSeconds = integer(input.retryAfterSeconds, 'retryAfterSeconds', 0, MAX_RETRY_AFTER_SECONDS);
  }
  if (input.latencyMs !== undefined) faults.latencyMs = integer(input.latencyMs, 'latencyMs', 0, MAX_LATENCY_MS);
  if (input.script !== undefined) faults.script = parseScript(input.script);
  if (input.operations !== undefined) faults.operations = parseOperations(input.operations);
  return faults;
}

function parseScript(input: unknown): NonNullable<Faults['script']> {
  if (!Array.isArray(input) || input.length > MAX_SCRIPT_LENGTH) {
    throw new InvalidFaultsError(`faults.script must be an array of at most ${MAX_SCRIPT_LENGTH} steps`);
  }
  return input.map((step: unknown, index) => {
    const where = `faults.script[${index}]`;
    if (!isRecord(step)) throw new InvalidFaultsError(`${where} must be an object`);
    const { outcome, retryAfterSeconds } = step;
    const isStatus = typeof outcome === 'number' && Number.isInteger(outcome) && (outcome === 200 || (outcome >= 400 && outcome <= 599));
    if (!isStatus && outcome !== 'drop' && outcome !== 'drop-after') {
      throw new InvalidFaultsError(`${where}.outcome must be 200, a status from 400 to 599, 'drop' or 'drop-after'`);
    }
    if (retryAfterSeconds === undefined) return { outcome };
    return { outcome, retryAfterSeconds: integer(retryAfterSeconds, `script[${index}].retryAfterSeconds`, 0, MAX_RETRY_AFTER_SECONDS) };
  });
}

function parseOperations(input: unknown): string[] {
  const known: readonly string[] = OPERATIONS;
  if (!Array.isArray(input) || !input.every((name) => typeof name === 'string' && known.includes(name))) {
    throw new InvalidFaultsError(`faults.operations must list operations among ${OPERATIONS.join(', ')}`);
  }
  return [...input];
}

function integer(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidFaultsError(`faults.${field} must be an integer from ${min} to ${max}`);
  }
  return value;
}
