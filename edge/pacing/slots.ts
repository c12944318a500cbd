import { sha256, toHex } from '../auth/tokens.ts';
import type { Config } from '../config.ts';
import { ConfigError } from '../errors.ts';
import { localSlots, type SlotSource } from './pacer.ts';
import type { PaceLimits, Reservation } from './schedule.ts';

/** What the pacer uses of the CHIME_PACER binding (a DurableObjectNamespace of ChimePacer). */
interface PacerNamespace {
  idFromName(name: string): unknown;
  get(id: unknown): { reserve(operation: string, limits: PaceLimits, withinMs: number): Promise<Reservation> };
}

const isNamespace = (value: unknown): value is PacerNamespace =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as PacerNamespace).idFromName === 'function' &&
  typeof (value as PacerNamespace).get === 'function';

/**
 * The slots for this configuration: from the account's ChimePacer Durable Object when the CHIME_PACER
 * binding is there, else from this isolate's own schedule. Should the object fail to answer, the call
 * takes a local slot rather than fail: the pacer spares the account's budget, it must not become what
 * stops the worker.
 */
export async function slotsFor(binding: unknown, config: Pick<Config, 'region' | 'credentials'>): Promise<SlotSource> {
  const local = localSlots();
  if (binding === undefined) return local;
  if (!isNamespace(binding)) throw new ConfigError('CHIME_PACER', 'must be a Durable Object binding of the ChimePacer class, or absent');
  const id = binding.idFromName(await pacerName(config));
  return {
    // A stub per call: stubs are cheap, and one made for an earlier request is not to be relied on in a later one.
    reserve: (operation, limits, withinMs) =>
      binding
        .get(id)
        .reserve(operation, limits, withinMs)
        .catch(() => local.reserve(operation, limits, withinMs)),
  };
}

/** One pacer per AWS access key and region; the key appears only as its SHA-256. */
export async function pacerName({ region, credentials }: Pick<Config, 'region' | 'credentials'>): Promise<string> {
  return `${region}/${toHex(await sha256(credentials.accessKeyId))}`;
}
