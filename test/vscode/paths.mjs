// One place for where the VS Code test toolchain lives.
// .ci/setup-vscode.sh reads these values too (`node test/vscode/paths.mjs --shell`),
// so the versions and folders below are the only copy.
import { homedir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Outside the checkout on purpose: ~620 MB, shared by every clone and worktree.
export const cacheDir = resolve(
  process.env.CHIME_ATTENDEES_CACHE || join(homedir(), '.cache', 'chime-attendees'),
);

// Written last by setup-vscode.sh; a folder without it is a half-finished install.
export const READY_MARKER = '.setup-complete';

export const node24Dir = join(cacheDir, `node-${NODE24_VERSION}`);
// code-server's native modules are built for Node 24's ABI: always run it with this binary.
export const node24Bin = join(node24Dir, 'bin', 'node');

export const codeServerDir = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerEntry = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Throws with a hint when setup-vscode.sh has not completed. */
export function assertToolchainReady() {
  const missing = [
    [join(node24Dir, READY_MARKER), 'Node 24'],
    [join(codeServerDir, READY_MARKER), 'code-server'],
    [chromiumPath, 'Chromium'],
  ].filter(([path]) => !existsSync(path));
  if (missing.length > 0) {
    const what = missing.map(([path, name]) => `${name} (${path})`).join(', ');
    throw new Error(`VS Code test toolchain not ready, missing: ${what}. Run .ci/setup-vscode.sh first.`);
  }
}

// `node test/vscode/paths.mjs --shell` prints KEY='value' lines for the setup script.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const values = {
    NODE24_VERSION, CODE_SERVER_VERSION, CACHE_DIR: cacheDir, READY_MARKER,
    NODE24_DIR: node24Dir, NODE24_BIN: node24Bin,
    CODE_SERVER_DIR: codeServerDir, CODE_SERVER_ENTRY: codeServerEntry, CHROMIUM_PATH: chromiumPath,
  };
  const quote = (v) => `'${String(v).replaceAll("'", `'\\''`)}'`;
  const lines = Object.entries(values).map(([k, v]) => (process.argv.includes('--shell') ? `${k}=${quote(v)}` : `${k}: ${v}`));
  console.log(lines.join('\n'));
}
