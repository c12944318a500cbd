import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/*
 * A headless Chromium, Chrome or Edge the user already has, started with fake media devices. No automation
 * library: the browser opens one URL (headless Chromium takes no more), whose page opens the bots' tabs.
 */

/** Looked up on PATH, in this order, when no browser is given. */
export const BROWSER_NAMES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'microsoft-edge',
  'msedge',
  'chrome',
];

const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // Fake camera and microphone, granted without a prompt.
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  // The launcher page opens the bots' tabs itself; background tabs keep their timers and media.
  '--disable-popup-blocking',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--autoplay-policy=no-user-gesture-required',
];

/**
 * The browser's own process group is ended when the runner goes away, even by SIGKILL: the shell that
 * starts it reads the runner's end of a pipe (fd 3) and, at EOF, signals its whole group, gives the browser
 * a moment, removes its profile ($1) and kills what is left. When the browser exits, the shell ends its
 * group too, so no helper process lingers.
 */
const WATCHDOG = [
  'profile=$1; shift; exec 3<&0',
  '"$@" </dev/null & browser=$!',
  '{ read _ <&3; trap "" TERM; kill -TERM 0; sleep 2; rm -rf "$profile"; kill -KILL 0; } &',
  'wait "$browser"; kill -TERM 0',
].join('\n');

/** The executable: the one given (checked), else the first of BROWSER_NAMES on PATH; undefined if none. */
export function findBrowser(given: string | undefined, path = process.env['PATH'] ?? ''): string | undefined {
  if (given) return isExecutable(given) ? given : undefined;
  for (const name of BROWSER_NAMES) {
    for (const folder of path.split(delimiter).filter(Boolean)) {
      const candidate = join(folder, process.platform === 'win32' ? `${name}.exe` : name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface RunningBrowser {
  /** Resolves when its process (group) has exited. */
  exited: Promise<void>;
  /** Ends its whole process group, politely first; resolves once it is gone and its profile removed. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 3_000;

/** Starts a headless browser on a fresh profile, opening `url`. */
export async function startBrowser(executable: string, url: string): Promise<RunningBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'chime-bots-'));
  const args = [...FLAGS, `--user-data-dir=${profile}`, url];
  const child =
    process.platform === 'win32'
      ? spawn(executable, args, { stdio: 'ignore' })
      : spawn('/bin/sh', ['-c', WATCHDOG, 'sh', profile, executable, ...args], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', () => {}); // a failed start shows as an exit
  live.add(child);
  void exited.then(() => live.delete(child));
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      signalGroup(child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
      await groupGone(child);
      await rm(profile, { recursive: true, force: true, maxRetries: 3 });
    })());
  return { exited, stop };
}

/** Browsers still running, ended synchronously if this process exits without stopping them. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) signalGroup(child, 'SIGKILL');
});

/** Whether the signal reached something: false once the group (or, on Windows, the process) is gone. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals | 0): boolean {
  if (child.pid === undefined) return false;
  try {
    if (process.platform === 'win32') return child.kill(signal);
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

const GROUP_POLL_MS = 50;
const GROUP_POLLS = 100;

/** The shell can be gone before the rest of its group: kills what is left until nothing is, a bounded number of times. */
async function groupGone(child: ChildProcess): Promise<void> {
  for (let poll = 0; poll < GROUP_POLLS && signalGroup(child, 'SIGKILL'); poll++) {
    await new Promise((resolve) => setTimeout(resolve, GROUP_POLL_MS));
  }
}
