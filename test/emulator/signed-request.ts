import { SignatureV4 } from '@smithy/signature-v4';
import { LOCAL_CREDENTIALS, SIGNING_SERVICE } from './defaults.ts';
import { NodeSha256 } from './sigv4.ts';
import type { EmulatorCredentials } from './types.ts';

/** A raw request to the emulator, signed with AWS's own @smithy/signature-v4 (no SDK client involved). */
export interface SignedRequestInit {
  method?: string;
  /** Path and query, e.g. `/meetings/ID/attendees?operation=batch-create`. */
  path: string;
  /** Sent as JSON with `content-type: application/json`. */
  json?: unknown;
  /** A raw body (content-type left to `headers`). */
  body?: string;
  headers?: Record<string, string>;
  credentials?: EmulatorCredentials;
  region?: string;
  service?: string;
  signingDate?: Date;
}

export async function signedRequest(baseUrl: string, init: SignedRequestInit): Promise<Response> {
  const url = new URL(init.path, baseUrl);
  const body = init.json === undefined ? init.body : JSON.stringify(init.json);
  const headers: Record<string, string> = { host: url.host, ...init.headers };
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const signer = new SignatureV4({
    service: init.service ?? SIGNING_SERVICE,
    region: init.region ?? 'us-east-1',
    credentials: init.credentials ?? LOCAL_CREDENTIALS,
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = value;
  const signed = await signer.sign(
    {
      method: init.method ?? 'GET',
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query,
      headers,
      ...(body === undefined ? {} : { body }),
    },
    init.signingDate ? { signingDate: init.signingDate } : {},
  );
  return fetch(url, { method: signed.method, headers: signed.headers, ...(body === undefined ? {} : { body }) });
}
