#!/usr/bin/env node
// Runs a mocha suite inside a real VS Code extension host, the @vscode/test-electron way.
//
//   node test/vscode/run-host-tests.mjs [--extension DIR] [--tests PATH] [--folder DIR]
//                                       [--env KEY=VALUE]... [-- more VS Code flags]
//
// Defaults: --extension extension/  --tests out/test/extension/host/index.js (repo-relative).
// PATH is the compiled suite whose `run(): Promise<void>` export runs the tests.
// VS Code used: code-server + headless Chromium via code-server-launcher.mjs (run
// .ci/setup-vscode.sh once), or the desktop VS Code binary named by VSCODE_EXECUTABLE
// (VSCODE_EXECUTABLE=download lets test-electron download one, which needs internet).
// The extension host sees this process's environment plus every --env.
import { runTests } from '@vscode/test-electron';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertToolchainReady, repoRoot } from './paths.mjs';

export const launcherPath = fileURLToPath(new URL('./code-server-launcher.mjs', import.meta.url));

/**
 * @param {object} options
 * @param {string} [options.extensionDevelopmentPath]  default: <repo>/extension
 * @param {string} [options.extensionTestsPath]        default: <repo>/out/test/extension/host/index.js
 * @param {string} [options.folder]                    folder to open in the workbench
 * @param {Record<string,string>} [options.env]        extra environment for the extension host
 * @param {string[]} [options.launchArgs]              more VS Code flags
 * @returns {Promise<number>} the exit code of the run (0: all tests passed)
 */
export async function runHostTests(options = {}) {
  const extensionDevelopmentPath = resolve(options.extensionDevelopmentPath ?? join(repoRoot, 'extension'));
  const extensionTestsPath = resolve(options.extensionTestsPath ?? join(repoRoot, 'out/test/extension/host/index.js'));
  for (const [what, path] of [
    ['extension folder', extensionDevelopmentPath],
    ['test suite', extensionTestsPath],
  ]) {
    if (!existsSync(path)) throw new Error(`${what} not found: ${path}`);
  }

  const executable = process.env.VSCODE_EXECUTABLE;
  const vscodeExecutablePath = executable === 'download' ? undefined : executable || launcherPath;
  if (vscodeExecutablePath === launcherPath) assertToolchainReady();

  // A fresh profile per run, so no settings or extensions leak in from earlier runs.
  const profileDir = await mkdtemp(join(tmpdir(), 'chime-vscode-profile-'));
  try {
    return await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath,
      extensionTestsPath,
      extensionTestsEnv: options.env ?? {},
      launchArgs: [
        `--user-data-dir=${join(profileDir, 'user-data')}`,
        `--extensions-dir=${join(profileDir, 'extensions')}`,
        ...(options.launchArgs ?? []),
        ...(options.folder ? [resolve(options.folder)] : []),
      ],
    });
  } catch (error) {
    // runTests rejects with TestRunFailedError carrying the exit code when tests fail.
    if (typeof error?.code === 'number') return error.code;
    throw error;
  } finally {
    await rm(profileDir, { recursive: true, force: true });
  }
}

function parseCli(argv) {
  const options = { env: {}, launchArgs: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--') options.launchArgs.push(...argv.splice(i + 1));
    else if (arg === '--extension') options.extensionDevelopmentPath = value();
    else if (arg === '--tests') options.extensionTestsPath = value();
    else if (arg === '--folder') options.folder = value();
    else if (arg === '--env') {
      const pair = value();
      const at = pair.indexOf('=');
      if (at <= 0) throw new Error(`--env expects KEY=VALUE, got ${pair}`);
      options.env[pair.slice(0, at)] = pair.slice(at + 1);
    } else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // runTests forwards only SIGINT to the VS Code process; treat SIGTERM (CI cancelling) the same
  // so the launcher still ends code-server and the browser.
  process.on('SIGTERM', () => {
    if (process.listenerCount('SIGINT') > 0) process.emit('SIGINT', 'SIGINT');
    else process.exit(143);
  });
  try {
    process.exitCode = await runHostTests(parseCli(process.argv.slice(2)));
  } catch (error) {
    console.error(`run-host-tests: ${error.message}`);
    process.exitCode = 2;
  }
}
