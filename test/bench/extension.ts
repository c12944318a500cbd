/**
 * The VS Code extension's weight: the size of the bundle VS Code loads (extension/dist/extension.js,
 * built by extension/esbuild.mjs), and the time to load it and run `activate()`, measured in fresh Node
 * processes with a stand-in `vscode` module. That stand-in answers every API call at once, so the figure
 * is the extension's own module evaluation and activation work, not VS Code's (no extension host, no
 * IPC, no real output channel or secret storage).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { percentile } from '../load/stats.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUNDLE = `${ROOT}extension/dist/extension.js`;

/** Runs in a fresh `node`: loads the bundle with a stand-in vscode and prints {requireMs, activateMs}. */
const ACTIVATE = String.raw`
const Module = require('node:module');
const { performance } = require('node:perf_hooks');
const cache = new Map();
// Every property is another callable stand-in; never thenable, so awaiting one does not hang. Writes are taken
// and forgotten (a status bar item's name, say): the function behind the stand-in has a read-only name.
const stub = (path) => {
  if (cache.has(path)) return cache.get(path);
  const proxy = new Proxy(function () {}, {
    get(_, key) {
      if (key === 'then' || typeof key === 'symbol') return undefined;
      return stub(path + '.' + key);
    },
    set: () => true,
    apply: () => stub(path + '()'),
    construct: () => stub('new ' + path),
  });
  cache.set(path, proxy);
  return proxy;
};
const vscode = stub('vscode');
const modes = { Production: 1, Development: 2, Test: 3 };
const api = new Proxy(vscode, { get: (target, key) => (key === 'ExtensionMode' ? modes : target[key]) });
// esbuild's interop copies a module's own keys, but keeps its prototype: put the stand-in there.
const module = Object.create(api);
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? module : load.call(this, request, ...rest);
};
const context = new Proxy({ subscriptions: [], extensionMode: 1 }, {
  get: (target, key) => (key in target ? target[key] : stub('context.' + String(key))),
});
const t0 = performance.now();
const extension = require(process.argv[1]);
const t1 = performance.now();
extension.activate(context);
const t2 = performance.now();
console.log(JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, disposables: context.subscriptions.length }));
`;

export interface ExtensionFigures {
  minifiedBytes: number;
  gzipBytes: number;
  runs: number;
  requireMs: number;
  activateMs: number;
  disposables: number;
}

export function measureExtension(runs = 7): ExtensionFigures {
  execFileSync(process.execPath, [`${ROOT}extension/esbuild.mjs`], { cwd: ROOT, stdio: 'ignore', timeout: 60_000 });
  const bundle = readFileSync(BUNDLE);
  const samples = Array.from({ length: runs }, () => {
    let out: string;
    try {
      out = execFileSync(process.execPath, ['-e', ACTIVATE, BUNDLE], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 30_000,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      // Node echoes the offending (minified) source line: keep only the lines worth reading.
      const stderr = String((error as { stderr?: unknown }).stderr ?? error);
      throw new Error(
        `loading the extension with a stand-in vscode failed:\n${stderr
          .split('\n')
          .filter((l) => l.length < 300)
          .join('\n')}`,
      );
    }
    return JSON.parse(out.trim().split('\n').pop()!) as { requireMs: number; activateMs: number; disposables: number };
  });
  return {
    minifiedBytes: bundle.length,
    gzipBytes: gzipSync(bundle).length,
    runs,
    requireMs: percentile(
      samples.map((s) => s.requireMs),
      50,
    ),
    activateMs: percentile(
      samples.map((s) => s.activateMs),
      50,
    ),
    disposables: samples[0]!.disposables,
  };
}
