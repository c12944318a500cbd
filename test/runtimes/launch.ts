/**
 * Starts the same app on each runtime it claims, on 127.0.0.1 over real HTTP:
 * - workerd: the bundled Worker in workerd via Miniflare, serving its own socket (test/tools/worker-process.ts);
 * - deno: `deno run edge/entry/deno.ts`, with the deno binary from npm (`deno` + `@deno/linux-x64-glibc`);
 * - node: `node --import tsx edge/entry/node.ts`.
 * Deno and Node take their configuration from the environment they are given, and nothing else of the
 * caller's: stray AWS_* variables of the machine must not reach them. Both listen on port 0 and say where
 * with one `{"listening":"http://…"}` line, so there is no port race and no polling.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startWorker } from '../tools/worker-process.ts';

export const RUNTIMES = ['workerd', 'deno', 'node'] as const;
export type RuntimeName = (typeof RUNTIMES)[number];

export interface RunningServer {
  runtime: RuntimeName;
  url: string;
  /** Stops the server and waits until its process is gone. */
  close(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const READY_TIMEOUT_MS = 45_000;
const STOP_TIMEOUT_MS = 5_000;

/** The deno executable from the `deno` npm package; its postinstall script is not needed (npm 11 skips it). */
export function denoExecutable(): string {
  const require = createRequire(import.meta.url);
  return (require('deno/install_api.cjs') as { runInstall(): string }).runInstall();
}

/** The command line that runs the app on Deno or Node, relative to the repository root. */
export function commandFor(runtime: Exclude<RuntimeName, 'workerd'>): { command: string; args: string[] } {
  if (runtime === 'deno') {
    return {
      command: denoExecutable(),
      // manual: resolve hono, aws4fetch and valibot from the node_modules npm installed; --no-lock: write nothing.
      args: ['run', '--allow-net', '--allow-env', '--allow-read', '--node-modules-dir=manual', '--no-lock', 'edge/entry/deno.ts'],
    };
  }
  return { command: process.execPath, args: ['--import', 'tsx', 'edge/entry/node.ts'] };
}

export async function startRuntime(runtime: RuntimeName, vars: Record<string, string>): Promise<RunningServer> {
  if (runtime === 'workerd') {
    const worker = await startWorker(vars);
    return { runtime, url: worker.url, close: () => worker.close() };
  }
  const { command, args } = commandFor(runtime);
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    NO_COLOR: '1',
    ...vars,
    HOST: '127.0.0.1',
    PORT: '0',
  };
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // If this process dies first, take the server along.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  try {
    const url = await listeningUrl(child, runtime);
    return { runtime, url, close: () => stop(child).finally(() => process.off('exit', killOnExit)) };
  } catch (error) {
    await stop(child);
    process.off('exit', killOnExit);
    throw error;
  }
}

/** Resolves with the URL of the process's `{"listening":…}` line; rejects if it exits or stays silent. */
function listeningUrl(child: ChildProcess, runtime: RuntimeName): Promise<string> {
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    let buffered = '';
    const fail = (reason: string) => {
      cleanup();
      reject(new Error(`${runtime} ${reason}; its output:\n${output.join('').slice(-4_000)}`));
    };
    const onStdout = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output.push(text);
      buffered += text;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        const listening = parseListening(line);
        if (listening) {
          cleanup();
          return resolve(listening);
        }
      }
    };
    const onStderr = (chunk: Buffer) => output.push(chunk.toString('utf8'));
    const onExit = (code: number | null, signal: string | null) => fail(`exited (${signal ?? code}) before listening`);
    const onError = (error: Error) => fail(`could not start: ${error.message}`);
    const timer = setTimeout(() => fail(`did not listen within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout!.off('data', onStdout);
      child.stderr!.off('data', onStderr);
      child.off('exit', onExit);
      child.off('error', onError);
      // Keep draining: the access log must never fill the pipe and stall the server.
      child.stdout!.resume();
      child.stderr!.resume();
    };
    child.stdout!.on('data', onStdout);
    child.stderr!.on('data', onStderr);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

function parseListening(line: string): string | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(line) as { listening?: unknown };
    return typeof parsed.listening === 'string' ? parsed.listening : undefined;
  } catch {
    return undefined;
  }
}

/** SIGTERM, then SIGKILL if the process is still there after STOP_TIMEOUT_MS. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
