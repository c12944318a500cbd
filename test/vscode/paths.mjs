// One place for where the VS Code test toolchain lives.
// .ci/setup-vscode.sh reads these values too (`node test/vscode/paths.mjs --shell`),
// so the versions and folders below are the only copy.
import { homedir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';

export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// Outside the checkout on purpose: ~620 MB, shared by every clone and worktree.
export const cacheDir = resolve(process.env.CHIME_ATTENDEES_CACHE || join(homedir(), '.cache', 'chime-attendees'));

// Written last by setup-vscode.sh, holding the key of what made the folder; a folder without it is a
// half-finished install, and one whose marker holds another key was made by another setup: rebuilt.
export const READY_MARKER = '.setup-complete';

export const node24Dir = join(cacheDir, `node-${NODE24_VERSION}`);
// code-server's native modules are built for Node 24's ABI: always run it with this binary.
export const node24Bin = join(node24Dir, 'bin', 'node');

export const codeServerDir = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerEntry = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The scripts that make the cached pieces: a change to either rebuilds them. */
const setupScripts = ['.ci/setup-vscode.sh', '.ci/node24-npm.sh'].map((path) => join(repoRoot, path));

/** What made a cached piece: the setup scripts' hash, the versions and the platform. */
export function setupKey(piece) {
  const hash = createHash('sha256');
  for (const script of setupScripts) hash.update(readFileSync(script));
  const versions = piece === 'node24' ? `node-${NODE24_VERSION}` : `node-${NODE24_VERSION} code-server-${CODE_SERVER_VERSION}`;
  return `${piece} ${versions} ${process.platform}-${process.arch} setup-${hash.digest('hex').slice(0, 16)}`;
}

/** Whether the folder holds a finished install made by the current setup. */
export function isReady(dir, piece) {
  const marker = join(dir, READY_MARKER);
  return existsSync(marker) && readFileSync(marker, 'utf8').trim() === setupKey(piece);
}

/** Throws with a hint when setup-vscode.sh has not completed. */
export function assertToolchainReady() {
  const missing = [
    [isReady(node24Dir, 'node24'), node24Dir, 'Node 24'],
    [isReady(codeServerDir, 'code-server'), codeServerDir, 'code-server'],
    [existsSync(chromiumPath), chromiumPath, 'Chromium'],
  ]
    .filter(([ready]) => !ready)
    .map(([, path, name]) => [path, name]);
  if (missing.length > 0) {
    const what = missing.map(([path, name]) => `${name} (${path})`).join(', ');
    throw new Error(`VS Code test toolchain not ready (missing or made by another setup): ${what}. Run npm run setup:vscode first.`);
  }
}

// `node test/vscode/paths.mjs --shell` prints KEY='value' lines for the setup script.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const values = {
    NODE24_VERSION,
    CODE_SERVER_VERSION,
    CACHE_DIR: cacheDir,
    READY_MARKER,
    NODE24_DIR: node24Dir,
    NODE24_BIN: node24Bin,
    CODE_SERVER_DIR: codeServerDir,
    CODE_SERVER_ENTRY: codeServerEntry,
    CHROMIUM_PATH: chromiumPath,
    NODE24_KEY: setupKey('node24'),
    CODE_SERVER_KEY: setupKey('code-server'),
  };
  const quote = (v) => `'${String(v).replaceAll("'", `'\\''`)}'`;
  const lines = Object.entries(values).map(([k, v]) => (process.argv.includes('--shell') ? `${k}=${quote(v)}` : `${k}: ${v}`));
  console.log(lines.join('\n'));
}
