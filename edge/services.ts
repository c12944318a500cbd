import { batchCreateAttendeeRequestSchema, createMeetingRequestSchema } from '../shared/index.ts';
import { ChimeClient } from './chime/client.ts';
import { readConfig, type Config } from './config.ts';
import type { Env } from './env.ts';
import { servedOpenApiDocument } from './openapi/served.ts';
import { createPacer } from './pacing/pacer.ts';
import { slotsFor } from './pacing/slots.ts';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.ts';

/** What a configuration makes: built once per isolate and reused by every request. */
export interface Services {
  config: Config;
  client: ChimeClient;
  requestSchema: ReturnType<typeof batchCreateAttendeeRequestSchema>;
  createMeetingSchema: ReturnType<typeof createMeetingRequestSchema>;
  retryPolicy: RetryPolicy;
  /** The OpenAPI document, made on first request for it. */
  openApi(): Promise<Record<string, unknown>>;
}

const servicesByEnv = new WeakMap<Env, Promise<Services>>();

/** The services for these bindings; a bad configuration is thrown each time, not cached. */
export function servicesFor(env: Env): Promise<Services> {
  let services = servicesByEnv.get(env);
  if (!services) {
    services = build(env);
    servicesByEnv.set(env, services);
    services.catch(() => servicesByEnv.delete(env));
  }
  return services;
}

async function build(env: Env): Promise<Services> {
  const config = await readConfig(env);
  // One pacer per configuration: for this isolate, or through CHIME_PACER for every isolate of the account.
  const pacer = createPacer(config.pace, await slotsFor(env.CHIME_PACER, config));
  return {
    config,
    client: new ChimeClient(config, pacer),
    requestSchema: batchCreateAttendeeRequestSchema(config),
    createMeetingSchema: createMeetingRequestSchema(config),
    retryPolicy: { ...DEFAULT_RETRY_POLICY, deadlineMs: config.retryDeadlineMs },
    openApi: once(() => servedOpenApiDocument(config.api, config.maxAttendees)),
  };
}

function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
