/** e. The VS Code extension's size, and its load and activation in fresh Node processes. */
import { measureExtension } from '../extension.ts';
import { kb, ms } from '../format.ts';
import type { Run } from '../run.ts';

export function extensionSection(run: Run) {
  const figures = measureExtension();
  run.say('## e. VS Code extension');
  run.say();
  run.say('| extension/dist/extension.js | minified KiB | gzip KiB | require ms (p50) | activate() ms (p50) |');
  run.say('|---|---|---|---|---|');
  run.say(
    `| built by \`node extension/esbuild.mjs\` | ${kb(figures.minifiedBytes)} | ${kb(figures.gzipBytes)} | ` +
      `${ms(figures.requireMs, 1)} | ${ms(figures.activateMs, 1)} |`,
  );
  run.say();
  run.say(
    `Load and activation in ${figures.runs} fresh Node processes with a stand-in \`vscode\` module that answers every call at once ` +
      `(activate registered ${figures.disposables} disposables): the extension's own module evaluation and activation work, ` +
      "not VS Code's extension host (no IPC, no real output channel or secret storage). No full VS Code was started for this.",
  );
  run.say();
}
