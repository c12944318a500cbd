// Bundles the extension-host suites into one CommonJS file for VS Code to load:
// out/test/extension/host/index.js. vscode comes from the host; mocha from the root node_modules
// (kept external so the suites' `import { describe } from 'mocha'` and run()'s Mocha are one module).
import { build } from 'esbuild';
import { writeFile } from 'node:fs/promises';

const root = new URL('../../../', import.meta.url);
const outDir = new URL('out/test/extension/host/', root);

await build({
  entryPoints: [new URL('test/extension/host/index.ts', root).pathname],
  outfile: new URL('index.js', outDir).pathname,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode', 'mocha'],
  sourcemap: 'inline',
  logLevel: 'info',
});
// The root package.json says "type": "module"; without this, Node would read the bundle as ESM.
await writeFile(new URL('package.json', outDir), '{ "type": "commonjs" }\n');
