// Bundles the bot page with amazon-chime-sdk-js into one browser script, dist/bots/bot.js: an asset the
// runner serves to the bots' browser tabs, never loaded in the extension host.
import { build } from 'esbuild';

/**
 * The SDK's messaging session (chat channels, unused by a bot) pulls in the AWS SDK's messaging client and
 * its Node credential providers, which a browser bundle cannot hold: it becomes an empty module.
 */
const withoutMessagingClient = {
  name: 'without-messaging-client',
  setup(build) {
    build.onResolve({ filter: /^@aws-sdk\/client-chime-sdk-messaging$/ }, () => ({ path: 'messaging-client', namespace: 'empty' }));
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

await build({
  entryPoints: [new URL('./bot.ts', import.meta.url).pathname],
  outfile: new URL('../../../dist/bots/bot.js', import.meta.url).pathname,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'chrome110',
  minify: true,
  legalComments: 'linked',
  // Node's name for the global object, which parts of the SDK's dependencies still use.
  define: { global: 'globalThis' },
  plugins: [withoutMessagingClient],
  logLevel: 'warning',
});
