import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../../../edge/app.ts';
import { LOCAL_CREDENTIALS } from '../../../emulator/defaults.ts';
import { startEmulator } from '../../../emulator/server.ts';
import { emulatorControl } from '../../../support/emulator-control.ts';
import { noReadTokenConfig, type WorkerWithMeeting } from '../../../support/worker-under-test.ts';

const TOKEN = 'extension-unit-token-0123456789';
const NO_READ_TOKEN = 'extension-unit-no-read-token-0123456789';

/** The real worker app, served by Node, against the Chime emulator: both in-process, on free ports, with a meeting made. */
export async function startRealWorker(): Promise<WorkerWithMeeting> {
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
  const control = emulatorControl(emulator.url);
  return {
    url: `http://127.0.0.1:${port}`,
    token: TOKEN,
    noReadToken: NO_READ_TOKEN,
    meetingId: await control.createMeeting(),
    emulator: control,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await emulator.close();
    },
  };
}
