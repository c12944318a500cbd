import { createHash, createHmac, timingSafeEqual, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Query } from './routes.ts';
import type { EmulatorCredentials } from './types.ts';

/**
 * SigV4 verification, independent of the client's signer: the request is signed again with AWS's
 * own @smithy/signature-v4 from what arrived (method, path, query, exactly the headers named in
 * SignedHeaders, X-Amz-Date as signing date, the hash of the received body) and the known secret,
 * and the two signatures are compared in constant time. Errors read like AWS front doors'.
 */

/** SHA-256 and HMAC-SHA-256 from node:crypto, in the shape @smithy/signature-v4 expects. */
export class NodeSha256 {
  readonly #hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    if (secret === undefined) this.#hash = createHash('sha256');
    else if (typeof secret === 'string') this.#hash = createHmac('sha256', secret);
    else if (secret instanceof ArrayBuffer) this.#hash = createHmac('sha256', new Uint8Array(secret));
    else this.#hash = createHmac('sha256', new Uint8Array(secret.buffer, secret.byteOffset, secret.byteLength));
  }
  update(data: Uint8Array | string): void {
    this.#hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
}

export interface ReceivedRequest {
  method: string;
  /** The path as received, still percent-encoded: SigV4 encodes it once more (all services but S3). */
  path: string;
  query: Query;
  /** Lowercase names, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

export interface VerificationContext {
  credentials: readonly EmulatorCredentials[];
  region: string;
  service: string;
  now: Date;
}

export type Verdict = { ok: true; accessKeyId: string } | { ok: false; status: number; type: string; message: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';
const MAX_SKEW_MS = 5 * 60 * 1000;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const refuse = (type: string, message: string): Verdict => ({ ok: false, status: 403, type, message });
const incomplete = (message: string) => refuse('IncompleteSignatureException', message);
const invalid = (message: string) => refuse('InvalidSignatureException', message);
const unrecognized = () => refuse('UnrecognizedClientException', 'The security token included in the request is invalid.');
const mismatch = () =>
  invalid(
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  );

export async function verifySignature(request: ReceivedRequest, context: VerificationContext): Promise<Verdict> {
  const authorization = header(request, 'authorization');
  if (authorization === undefined) return refuse('MissingAuthenticationTokenException', 'Missing Authentication Token');

  const parsed = parseAuthorization(authorization);
  if ('problem' in parsed) return incomplete(parsed.problem);
  const { credential, signedHeaders, signature } = parsed;

  const amzDate = header(request, 'x-amz-date');
  const signingDate = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (amzDate === undefined || signingDate === undefined) {
    return incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  const skew = checkSkew(amzDate, signingDate, context.now);
  if (skew) return skew;

  const scope = credential.split('/');
  if (scope.length !== 5) {
    return incomplete(`Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`);
  }
  const [accessKeyId, date, region, service, terminator] = scope as [string, string, string, string, string];
  if (date !== amzDate.slice(0, 8)) {
    return invalid(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (region !== context.region) return invalid(`Credential should be scoped to a valid region, not '${region}'.`);
  if (service !== context.service) return invalid(`Credential should be scoped to correct service: '${context.service}'.`);
  if (terminator !== 'aws4_request')
    return invalid(`Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'.`);
  if (!signedHeaders.includes('host')) return incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");

  const known = context.credentials.find((candidate) => candidate.accessKeyId === accessKeyId);
  if (!known) return unrecognized();
  // A credential with a session token is only valid with that token, and one without takes none.
  const token = header(request, 'x-amz-security-token');
  if (!sameSecret(token ?? '', known.sessionToken ?? '') || (token === undefined) !== (known.sessionToken === undefined)) {
    return unrecognized();
  }

  const bodyHash = createHash('sha256').update(request.body).digest('hex');
  const claimedHash = header(request, 'x-amz-content-sha256');
  if (claimedHash !== undefined && claimedHash !== bodyHash) return mismatch();

  const expected = await expectedSignature(request, {
    ...context,
    secretAccessKey: known.secretAccessKey,
    accessKeyId,
    signedHeaders,
    signingDate,
  });
  return sameSecret(signature, expected) ? { ok: true, accessKeyId } : mismatch();
}

function parseAuthorization(value: string): { credential: string; signedHeaders: string[]; signature: string } | { problem: string } {
  const space = value.indexOf(' ');
  const algorithm = space < 0 ? value : value.slice(0, space);
  if (algorithm !== ALGORITHM) return { problem: `Unsupported AWS 'algorithm': '${algorithm}'` };
  const fields = new Map<string, string>();
  for (const part of value.slice(space + 1).split(',')) {
    const equals = part.indexOf('=');
    if (equals > 0) fields.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((name) => !fields.get(name));
  if (missing.length > 0) {
    return { problem: missing.map((name) => `Authorization header requires '${name}' parameter.`).join(' ') };
  }
  return {
    credential: fields.get('Credential')!,
    signedHeaders: fields.get('SignedHeaders')!.split(';'),
    signature: fields.get('Signature')!,
  };
}

function parseAmzDate(value: string): Date | undefined {
  const match = AMZ_DATE.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** AWS's own wording for a clock more than 5 minutes off, either way. */
function checkSkew(amzDate: string, signingDate: Date, now: Date): Verdict | undefined {
  const format = (time: number) => new Date(time).toISOString().replace(/[-:]|\.\d{3}/g, '');
  const nowText = format(now.getTime());
  if (signingDate.getTime() < now.getTime() - MAX_SKEW_MS) {
    return invalid(`Signature expired: ${amzDate} is now earlier than ${format(now.getTime() - MAX_SKEW_MS)} (${nowText} - 5 min.)`);
  }
  if (signingDate.getTime() > now.getTime() + MAX_SKEW_MS) {
    return invalid(
      `Signature not yet current: ${amzDate} is still later than ${format(now.getTime() + MAX_SKEW_MS)} (${nowText} + 5 min.)`,
    );
  }
  return undefined;
}

async function expectedSignature(
  request: ReceivedRequest,
  scope: VerificationContext & EmulatorCredentials & { signedHeaders: string[]; signingDate: Date },
): Promise<string> {
  // No session token here: the token header, if signed, is among the received headers already.
  const signer = new SignatureV4({
    service: scope.service,
    region: scope.region,
    credentials: { accessKeyId: scope.accessKeyId, secretAccessKey: scope.secretAccessKey },
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const headers: Record<string, string> = {};
  for (const name of scope.signedHeaders) {
    const value = header(request, name);
    if (value !== undefined) headers[name] = value;
  }
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: 'http:',
      hostname: headers.host ?? '',
      path: request.path,
      query: request.query,
      headers,
      body: request.body,
    },
    {
      signingDate: scope.signingDate,
      // Exactly the client's list: sign headers smithy would skip by default, and leave out
      // X-Amz-Date (which smithy always adds) when the client did not sign it.
      signableHeaders: new Set(scope.signedHeaders),
      unsignableHeaders: scope.signedHeaders.includes('x-amz-date') ? undefined : new Set(['x-amz-date']),
    },
  );
  return /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization))?.[1] ?? '';
}

/** One header's value; node:http joins repeated ones, except a few it keeps as arrays. */
function header(request: ReceivedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Constant-time equality that does not leak the expected length either. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
