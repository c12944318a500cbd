import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { emulatorControl } from '../support/emulator-control.ts';
import { signedRequest } from './signed-request.ts';

const CLI = fileURLToPath(new URL('./cli.ts', import.meta.url));

/** The CLI as `npm start` and load tests run it: a separate process, found by the line it prints. */
function startCli(...args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const firstLine = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the CLI exited with ${code} before printing`)));
  });
  firstLine.catch(() => {}); // awaited only by the tests that expect a line
  return { child, firstLine };
}

describe('cli.ts', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('prints {url, flavor} when listening and exits 0 on %s', async (signal) => {
    const { child, firstLine } = startCli('--port', '0', '--flavor', 'chime');
    const announced = JSON.parse(await firstLine) as { url: string; flavor: string };
    expect(announced).toEqual({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), flavor: 'chime' });
    expect(await emulatorControl(announced.url).state()).toEqual({ calls: {}, throttled: {}, meetings: [], joins: [] });

    const exited = once(child, 'exit');
    child.kill(signal);
    expect(await exited).toEqual([0, null]);
  });

  it('throttles like AWS with --calls-per-second and --burst', async () => {
    const { child, firstLine } = startCli('--port', '0', '--calls-per-second', '0.001', '--burst', '2');
    try {
      const { url } = JSON.parse(await firstLine) as { url: string };
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await signedRequest(url, { path: '/meetings/0a1b2c3d-4e5f-4789-abcd-ef0123456789' })).status);
      expect(statuses).toEqual([404, 404, 429]);
    } finally {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  });

  it.each([
    [['--burst', '3'], /--burst needs --calls-per-second/],
    [['--calls-per-second', 'ten'], /--calls-per-second must be a number above 0/],
    [['--calls-per-second', '10', '--burst', '0'], /--burst must be a whole number from 1/],
    [['--flavor', 'zoom'], /--flavor must be one of/],
    [['--meeting-auto-end-ms', '0'], /--meeting-auto-end-ms must be a whole number/],
  ])('refuses %j with exit code 2', async (args, rule) => {
    const { child } = startCli(...args);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk));
    expect(await once(child, 'exit')).toEqual([2, null]);
    expect(stderr).toMatch(rule);
  });
});
