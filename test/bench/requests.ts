/** What the benchmark sends: meetings to send to, attendee bodies, and SigV4 headers for the emulator itself. */
import { SignatureV4 } from '@smithy/signature-v4';
import { LOCAL_CREDENTIALS } from '../emulator/defaults.ts';
import type { Emulator } from '../emulator/server.ts';
import { NodeSha256 } from '../emulator/sigv4.ts';
import { emulatorControl } from '../support/emulator-control.ts';

export const createMeeting = (emulator: Emulator): Promise<string> => emulatorControl(emulator.url).createMeeting();

export function attendeesList(count: number, from = 0) {
  return Array.from({ length: count }, (_, i) => ({ ExternalUserId: `bench-user-${from + i}` }));
}

export function attendeesBody(count: number): string {
  return JSON.stringify({ Attendees: attendeesList(count) });
}

/** SigV4 headers for a BatchCreateAttendee call, made once and reused: the emulator allows 5 minutes of skew. */
export async function signedHeaders(base: string, path: string, body: string): Promise<Record<string, string>> {
  const url = new URL(base);
  const signer = new SignatureV4({
    service: 'chime',
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path,
    query: { operation: 'batch-create' },
    headers: { host: url.host, 'content-type': 'application/json' },
    body,
  });
  return signed.headers as Record<string, string>;
}
