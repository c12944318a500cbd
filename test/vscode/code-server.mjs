// Start a real VS Code server (code-server) and drive its workbench from headless Chromium.
// Used by code-server-launcher.mjs (extension-host tests) and by end-to-end tests directly.
// Needs .ci/setup-vscode.sh to have run (see paths.mjs for where things live).
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { assertToolchainReady, chromiumPath, codeServerEntry, node24Bin } from './paths.mjs';

const HOST = '127.0.0.1';

// ---------------------------------------------------------------------------------------------
// Small process and polling helpers

/** Resolves after `ms`; only used as the pause between polls of a condition with a deadline. */
const pause = (ms) => new Promise((done) => setTimeout(done, ms));

/** A port the OS reports free on 127.0.0.1 right now (callers retry if someone takes it first). */
export async function findFreePort() {
  const server = createServer();
  await new Promise((done, fail) => server.once('error', fail).listen(0, HOST, done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

function isProcessGroupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/**
 * Ends a whole process group: SIGTERM, then SIGKILL after `graceMs`. code-server leaves helper
 * processes (extension host, file watcher, pty host) behind unless the group is ended.
 */
export async function killProcessGroup(pgid, { graceMs = 5_000 } = {}) {
  for (const [signal, waitMs] of [
    ['SIGTERM', graceMs],
    ['SIGKILL', 3_000],
  ]) {
    if (!isProcessGroupAlive(pgid)) return;
    try {
      process.kill(-pgid, signal);
    } catch {
      return; // already gone
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline && isProcessGroupAlive(pgid)) await pause(50);
  }
  if (isProcessGroupAlive(pgid)) throw new Error(`process group ${pgid} survived SIGKILL`);
}

// Last resort if the Node process exits without close(): a synchronous SIGKILL to every group.
const liveGroups = new Set();
process.on('exit', () => {
  for (const pgid of liveGroups) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Keeps the last `limit` lines of a stream for error messages. */
function lineTail(limit, onLine) {
  const lines = [];
  let partial = '';
  return {
    push(chunk) {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > limit) lines.shift();
        onLine?.(line);
      }
    },
    text: () => [...lines, partial].join('\n').trim(),
  };
}

/**
 * Environment for code-server. Its children (the extension host included) inherit it, which is
 * how extensionTestsEnv / `env` reach extension code. Variables that would make code-server talk
 * to another instance or change its address are removed.
 */
function codeServerEnv(baseDir, env) {
  const merged = { ...process.env };
  // VSCODE_IPC_HOOK_CLI (set in VS Code terminals) makes code-server hand the folder to the outer
  // editor and exit; PORT and CODE_SERVER_HOST would override --bind-addr.
  for (const name of ['VSCODE_IPC_HOOK_CLI', 'VSCODE_IPC_HOOK', 'PORT', 'CODE_SERVER_HOST', 'PASSWORD', 'HASHED_PASSWORD']) {
    delete merged[name];
  }
  return {
    ...merged,
    // Throwaway config/data/tmp: code-server writes a config file with a password and logs there.
    XDG_CONFIG_HOME: join(baseDir, 'xdg-config'),
    XDG_DATA_HOME: join(baseDir, 'xdg-data'),
    TMPDIR: join(baseDir, 'tmp'),
    CODE_SERVER_CONFIG: join(baseDir, 'xdg-config', 'code-server', 'config.yaml'),
    ...env,
  };
}

async function makeBaseDir() {
  const baseDir = await mkdtemp(join(tmpdir(), 'chime-code-server-'));
  await Promise.all(['xdg-config', 'xdg-data', 'tmp'].map((name) => mkdir(join(baseDir, name), { recursive: true })));
  return baseDir;
}

/** Runs code-server's CLI to completion (e.g. --install-extension), bounded by `timeoutMs`. */
async function runCodeServerCli(args, { env = {}, timeoutMs = 120_000 } = {}) {
  assertToolchainReady();
  const baseDir = await makeBaseDir();
  const output = lineTail(200);
  try {
    const child = spawn(node24Bin, [codeServerEntry, ...args], {
      env: codeServerEnv(baseDir, env),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    liveGroups.add(child.pid);
    child.stdout.on('data', output.push);
    child.stderr.on('data', output.push);
    const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
    let timer;
    const timedOut = new Promise((done) => (timer = setTimeout(() => done('timeout'), timeoutMs)));
    const result = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    await killProcessGroup(child.pid, { graceMs: 2_000 });
    liveGroups.delete(child.pid);
    if (result === 'timeout') throw new Error(`code-server ${args.join(' ')} timed out after ${timeoutMs} ms\n${output.text()}`);
    if (result.code !== 0) {
      throw new Error(`code-server ${args.join(' ')} exited with ${result.code ?? result.signal}\n${output.text()}`);
    }
    return output.text();
  } finally {
    await rm(baseDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// code-server

/**
 * Installs a packaged extension (.vsix) into `extensionsDir` with code-server's own installer.
 * Pass the same `extensionsDir` (and `userDataDir`, if any) to startCodeServer afterwards.
 */
export async function installExtension(vsixPath, extensionsDir, { userDataDir, timeoutMs } = {}) {
  const args = ['--install-extension', resolve(vsixPath), '--extensions-dir', resolve(extensionsDir)];
  if (userDataDir) args.push('--user-data-dir', resolve(userDataDir));
  return runCodeServerCli(args, { timeoutMs });
}

/**
 * Starts code-server on a free 127.0.0.1 port in its own process group and waits for /healthz.
 *
 * @param {object} options
 * @param {string} [options.extensionsDir]   default: a throwaway folder
 * @param {string} [options.userDataDir]     default: a throwaway folder
 * @param {string} [options.folder]          folder the workbench opens by default
 * @param {Record<string,string>} [options.env]  extra environment for code-server and the extension host
 * @param {boolean} [options.smokeTestDriver]    enable-smoke-test-driver: needed for the test payload
 * @param {string[]} [options.extraArgs]     more code-server flags
 * @param {(line: string) => void} [options.onLog]  each code-server log line
 * @param {number} [options.startTimeoutMs]  bound for reaching /healthz (default 60 s)
 * @param {number} [options.idleTimeoutSeconds]  code-server exits after this long without any client
 *   connection (default 600; 0 turns it off): a safety net if the owner dies without close()
 * @returns {Promise<{url: string, port: number, pid: number, baseDir: string, extensionsDir: string,
 *   userDataDir: string, workbenchUrl: (o?: {folder?: string, payload?: [string,string][]}) => string,
 *   logText: () => string, exited: Promise<{code: number|null, signal: string|null}>, close: () => Promise<void>}>}
 */
export async function startCodeServer(options = {}) {
  assertToolchainReady();
  const { env = {}, smokeTestDriver = false, extraArgs = [], onLog, startTimeoutMs = 60_000, idleTimeoutSeconds = 600 } = options;
  const baseDir = await makeBaseDir();
  const extensionsDir = resolve(options.extensionsDir ?? join(baseDir, 'extensions'));
  const userDataDir = resolve(options.userDataDir ?? join(baseDir, 'user-data'));
  const folder = options.folder ? resolve(options.folder) : undefined;
  await mkdir(extensionsDir, { recursive: true });
  await mkdir(userDataDir, { recursive: true });

  // The port can be taken between findFreePort() and code-server's listen(): retry a few times.
  const maxAttempts = 3;
  for (let attempt = 1; ; attempt++) {
    const port = await findFreePort();
    const log = lineTail(300, onLog);
    const args = [
      codeServerEntry,
      '--auth',
      'none',
      '--bind-addr',
      `${HOST}:${port}`,
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...(idleTimeoutSeconds > 0 ? ['--idle-timeout-seconds', String(idleTimeoutSeconds)] : []),
      ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
      ...extraArgs,
      ...(folder ? [folder] : []),
    ];
    const child = spawn(node24Bin, args, {
      env: codeServerEnv(baseDir, env),
      detached: true, // own process group, ended as a whole by close()
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    liveGroups.add(child.pid);
    child.stdout.on('data', log.push);
    child.stderr.on('data', log.push);
    const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
    let hasExited = false;
    exited.then(() => (hasExited = true));

    const url = `http://${HOST}:${port}`;
    const close = async () => {
      await killProcessGroup(child.pid);
      liveGroups.delete(child.pid);
      await rm(baseDir, { recursive: true, force: true });
    };

    const healthy = await waitForHealthz(url, { timeoutMs: startTimeoutMs, hasExited: () => hasExited });
    if (healthy) {
      return {
        url,
        port,
        pid: child.pid,
        baseDir,
        extensionsDir,
        userDataDir,
        workbenchUrl: (o = {}) => workbenchUrl(url, { folder, ...o }),
        logText: log.text,
        exited,
        close: once(close),
      };
    }
    const logText = log.text();
    await killProcessGroup(child.pid);
    liveGroups.delete(child.pid);
    if (hasExited && /EADDRINUSE/.test(logText) && attempt < maxAttempts) continue;
    await rm(baseDir, { recursive: true, force: true });
    const why = hasExited ? 'exited' : `did not answer /healthz within ${startTimeoutMs} ms`;
    throw new Error(`code-server ${why}:\n${logText}`);
  }
}

function once(fn) {
  let promise;
  return () => (promise ??= fn());
}

/** Polls GET /healthz until it answers 200, the process exits, or the deadline passes. */
async function waitForHealthz(url, { timeoutMs, hasExited }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !hasExited()) {
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await pause(100);
  }
  return false;
}

/**
 * The workbench address. `payload` is VS Code's web payload, e.g.
 * [['extensionDevelopmentPath', 'vscode-remote://remote/abs/path'], ...]; the workbench honours
 * it only when code-server runs with the smoke-test driver.
 */
export function workbenchUrl(baseUrl, { folder, workspace, payload } = {}) {
  const query = new URLSearchParams();
  if (workspace) query.set('workspace', resolve(workspace));
  else if (folder) query.set('folder', resolve(folder));
  else query.set('ew', 'true'); // an empty window, not the last-opened folder
  if (payload) query.set('payload', JSON.stringify(payload));
  return `${baseUrl}/?${query}`;
}

/** A server-side path as the web workbench addresses it (code-server's authority is "remote"). */
export const remoteUri = (absolutePath) => `vscode-remote://remote${encodeURI(resolve(absolutePath))}`;

// ---------------------------------------------------------------------------------------------
// Browser

/** Pids of processes whose command line mentions `text` (Linux /proc). */
async function pidsMentioning(text) {
  const pids = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.includes(text)) pids.push(Number(entry));
  }
  return pids;
}

/** Waits up to `graceMs` for processes mentioning `text` to exit, then SIGKILLs the rest. */
async function endProcessesMentioning(text, { graceMs = 3_000 } = {}) {
  const deadline = Date.now() + graceMs;
  let pids = await pidsMentioning(text);
  while (pids.length > 0 && Date.now() < deadline) {
    await pause(100);
    pids = await pidsMentioning(text);
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

const browserHomes = new WeakMap();

/**
 * Debian's Chromium, headless, with a fresh profile; nothing reaches out to the network.
 * End it with closeBrowser(): Chromium's crash handler runs outside the browser's process group
 * and writes under $XDG_CONFIG_HOME, so both get a throwaway home that closeBrowser() clears.
 */
export async function launchBrowser({ timeoutMs = 60_000 } = {}) {
  const home = await mkdtemp(join(tmpdir(), 'chime-chromium-'));
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      timeout: timeoutMs,
      env: { ...process.env, XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache') },
      // Callers end the browser themselves, together with code-server.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-dev-shm-usage',
      ],
    });
  } catch (error) {
    await endProcessesMentioning(home);
    await rm(home, { recursive: true, force: true });
    throw error;
  }
  browserHomes.set(browser, home);
  return browser;
}

/** Closes a browser from launchBrowser() and waits until its helper processes are gone. */
export async function closeBrowser(browser) {
  if (!browser) return;
  await browser.close().catch(() => {});
  const home = browserHomes.get(browser);
  if (!home) return;
  browserHomes.delete(browser);
  await endProcessesMentioning(home);
  await rm(home, { recursive: true, force: true });
}

/** Opens `url` in a new page and waits until the workbench is on screen. */
export async function openWorkbench(browser, url, { timeoutMs = 60_000, viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await page.goto(url, { timeout: timeoutMs });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  return page;
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Runs a command from the Command Palette the way a person does: F1, type the title, Enter.
 * The palette says "No matching commands" until the extension host has registered the
 * extension's commands, so each attempt closes the palette and tries again until the deadline.
 */
export async function runPaletteCommand(page, title, { timeoutMs = 60_000, attemptMs = 3_000, maxAttempts = 30 } = {}) {
  const deadline = Date.now() + timeoutMs;
  const palette = page.locator('.quick-input-widget');
  const input = palette.locator('input.input');
  const exactLabel = new RegExp(`^${escapeRegExp(title)}$`);
  const row = palette.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: exactLabel }) });

  for (let attempt = 1; attempt <= maxAttempts && Date.now() < deadline; attempt++) {
    const budget = Math.max(1, Math.min(attemptMs, deadline - Date.now()));
    await page.keyboard.press('F1');
    if (
      !(await input.waitFor({ state: 'visible', timeout: budget }).then(
        () => true,
        () => false,
      ))
    )
      continue;
    await page.keyboard.type(title, { delay: 10 });
    const listed = await row
      .first()
      .waitFor({ state: 'visible', timeout: budget })
      .then(
        () => true,
        () => false,
      );
    if (!listed) {
      await page.keyboard.press('Escape');
      await palette.waitFor({ state: 'hidden', timeout: budget }).catch(() => {});
      continue;
    }
    // Enter runs the focused row; make sure it is ours (a longer title can rank first).
    const typed = await input.inputValue();
    if (!(await row.first().evaluate((el) => el.classList.contains('focused')))) await row.first().click();
    else await page.keyboard.press('Enter');
    // The command ran once the palette is gone, or shows something else: a command that asks
    // for input reuses the same quick-input widget.
    await page.waitForFunction(
      (text) => {
        const widget = document.querySelector('.quick-input-widget');
        const box = widget?.querySelector('input.input');
        return !widget?.checkVisibility() || widget.classList.contains('quick-input-widget-closing') || box?.value !== text;
      },
      typed,
      { timeout: Math.max(1, deadline - Date.now()), polling: 100 },
    );
    return attempt;
  }
  throw new Error(`command "${title}" was not listed in the Command Palette within ${timeoutMs} ms`);
}
