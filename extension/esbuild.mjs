// Bundles the extension (and the shared contract it imports) into one small CommonJS file.
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('./src/extension.ts', import.meta.url).pathname],
  outfile: new URL('./dist/extension.js', import.meta.url).pathname,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: true,
  metafile: true,
  logLevel: 'info',
});

// The test bots' page: a browser asset shipped beside the extension, never loaded in the extension host.
await import('./src/bots/page/esbuild.mjs');
