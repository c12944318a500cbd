import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AWS_RATE_LIMIT, LOCAL_CREDENTIALS } from '../emulator/defaults.ts';
import { startEmulator } from '../emulator/server.ts';
import { emulatorControl } from '../support/emulator-control.ts';
import { noReadTokenConfig, type WorkerWithEmulator } from '../support/worker-under-test.ts';
import { PACE_OUT_OF_THE_WAY } from './pace.ts';

/** The bearer token of the local stack: local only, printed and documented on purpose. */
export const LOCAL_TOKEN = 'local-dev-token';

export interface LocalWorkerOptions {
  port?: number;
  /**
   * Amazon Chime's rate, as `npm start` runs: the emulator throttles as AWS does and the worker paces at
   * its defaults. Off by default, for the suites: they do not test pacing and must not wait on it.
   */
  awsRate?: boolean;
  /** How long a meeting lasts (the emulator's default: 5 minutes, as on AWS when nobody joins). */
  meetingAutoEndMs?: number;
  /** The bearer token that may do everything; default LOCAL_TOKEN. */
  token?: string;
  /** A second token, which may create and delete but not read. */
  noReadToken?: string;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The emulator plus the worker under `wrangler dev` (real workerd), both on 127.0.0.1: a worker under test. */
export async function startLocalWorker(options: LocalWorkerOptions = {}): Promise<WorkerWithEmulator> {
  const { meetingAutoEndMs, awsRate, token = LOCAL_TOKEN, noReadToken } = options;
  const emulator = await startEmulator({
    ...(meetingAutoEndMs ? { meetingAutoEndMs } : {}),
    ...(awsRate ? { rateLimit: AWS_RATE_LIMIT } : {}),
  });
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'chime-attendees-'));
  const envFile = join(dir, 'local.env');
  const vars = {
    CHIME_API: 'chime-sdk-meetings',
    AWS_REGION: 'us-east-1',
    CHIME_ENDPOINT: emulator.url,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    API_TOKENS: token,
    ...(noReadToken ? { API_TOKENS_JSON: noReadTokenConfig(noReadToken) } : {}),
    ...(awsRate ? {} : PACE_OUT_OF_THE_WAY),
  };
  writeFileSync(
    envFile,
    Object.entries(vars)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  );
  const wrangler = spawn(
    process.execPath,
    [
      'node_modules/wrangler/bin/wrangler.js',
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(await freePort()),
      '--env-file',
      envFile,
      '--persist-to',
      join(dir, 'state'),
      '--show-interactive-dev-session=false',
      '--log-level',
      'warn',
    ],
    { cwd: new URL('../..', import.meta.url).pathname, detached: true, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const close = async () => {
    await stopProcessGroup(wrangler);
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, wrangler, 60_000);
  } catch (error) {
    await close();
    throw error;
  }
  return { url, token, noReadToken, emulator: emulatorControl(emulator.url), close };
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the worker did not answer ${url}/healthz within ${timeoutMs} ms`);
}

/** wrangler starts workerd and helpers of its own: end the whole group, politely first. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
