import { serve } from '@hono/node-server';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../../../edge/app.ts';
import { LOCAL_CREDENTIALS } from '../../../emulator/defaults.ts';
import { startEmulator } from '../../../emulator/server.ts';

/** The real worker app, served by Node, against the Chime emulator: both in-process, on free ports. */
export interface RealWorker {
  url: string;
  token: string;
  /** May create and delete, not read. */
  noReadToken: string;
  meetingId: string;
  emulatorUrl: string;
  close(): Promise<void>;
}

const TOKEN = 'extension-unit-token-0123456789';
const NO_READ_TOKEN = 'extension-unit-no-read-token-0123456789';

/** API_TOKENS_JSON for a token that may create and delete but not read (an entry holds its SHA-256). */
export function noReadTokenConfig(token: string): string {
  return JSON.stringify([{ name: 'no-read', sha256: createHash('sha256').update(token).digest('hex'), operations: ['create', 'delete'] }]);
}

export async function startRealWorker(): Promise<RealWorker> {
  const emulator = await startEmulator();
  const env = {
    CHIME_API: 'chime-sdk-meetings',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    CHIME_ENDPOINT: emulator.url,
    API_TOKENS: TOKEN,
    API_TOKENS_JSON: noReadTokenConfig(NO_READ_TOKEN),
  };
  const app = createApp();
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: (request) => app.fetch(request, env), port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  const created = await fetch(`${emulator.url}/_emulator/meetings`, { method: 'POST' });
  const { Meeting } = (await created.json()) as { Meeting: { MeetingId: string } };
  return {
    url: `http://127.0.0.1:${port}`,
    token: TOKEN,
    noReadToken: NO_READ_TOKEN,
    meetingId: Meeting.MeetingId,
    emulatorUrl: emulator.url,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await emulator.close();
    },
  };
}
