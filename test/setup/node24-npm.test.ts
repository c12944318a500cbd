import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE24_VERSION, isReady, node24Dir } from '../vscode/paths.mjs';

const SCRIPT = fileURLToPath(new URL('../../.ci/node24-npm.sh', import.meta.url));

/** What an `npm run` on the machine's own Node hands its children (`npm test` -> `npm run setup:vscode`). */
const OUTER_NPM = {
  npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
  npm_config_node_version: '20.20.2',
  npm_config_nodedir: '/usr',
  npm_config_prefix: '/usr',
  npm_node_execpath: '/usr/bin/node',
  npm_lifecycle_event: 'setup:vscode',
  npm_package_name: 'chime-attendees',
  NODE: '/usr/bin/node',
  INIT_CWD: '/somewhere/else',
};

// The install script of code-server reads its Node from npm_config_user_agent; this one records what it sees.
const PROBE_INSTALL = `require('node:fs').writeFileSync('seen.json', JSON.stringify({
  version: process.version,
  userAgent: process.env.npm_config_user_agent,
  nodedir: process.env.npm_config_nodedir,
  NODE: process.env.NODE ?? null,
  initCwd: process.env.INIT_CWD,
}));`;

describe('npm under the cached Node 24, started from inside an npm script', () => {
  let project: string;
  beforeAll(async () => {
    if (!isReady(node24Dir, 'node24')) throw new Error(`Node 24 is not set up in ${node24Dir}: run npm run setup:vscode`);
    project = await mkdtemp(join(tmpdir(), 'node24-npm-'));
    await mkdir(join(project, 'probe'));
    await writeFile(
      join(project, 'probe', 'package.json'),
      JSON.stringify({ name: 'probe', version: '1.0.0', scripts: { install: 'node install.js' } }),
    );
    await writeFile(join(project, 'probe', 'install.js'), PROBE_INSTALL);
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'probe-host', private: true, allowScripts: { probe: true } }));
  });
  afterAll(() => rm(project, { recursive: true, force: true }));

  it("runs install scripts on Node 24 with an environment that names Node 24, nothing of the outer npm's", async () => {
    await promisify(execFile)('bash', [SCRIPT, node24Dir, 'install', '--no-audit', '--no-fund', '--offline', './probe'], {
      cwd: project,
      env: { ...process.env, ...OUTER_NPM },
      timeout: 60_000,
    });
    const seen = JSON.parse(await readFile(join(project, 'node_modules', 'probe', 'seen.json'), 'utf8'));
    expect(seen.version).toBe(`v${NODE24_VERSION}`);
    expect(seen.userAgent).toContain(`node/v${NODE24_VERSION}`);
    expect(seen.userAgent).not.toContain('node/v20');
    expect(seen.nodedir).toBe(node24Dir);
    expect(seen.initCwd).not.toBe(OUTER_NPM.INIT_CWD);
  });

  it('refuses a folder that holds no Node', async () => {
    const failure = await promisify(execFile)('bash', [SCRIPT, project, '--version']).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('no Node at') });
  });
});
