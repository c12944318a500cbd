import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readTokens } from '../../edge/auth/token-config.ts';
import { findToken } from '../../edge/auth/tokens.ts';

const TOOL = fileURLToPath(new URL('../../edge/tools/make-token.ts', import.meta.url));
const run = (...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', TOOL, ...args]);

describe('npm run token', () => {
  it('prints a new token once and an entry holding only its SHA-256, which the worker accepts', async () => {
    const { stdout } = await run('--name', 'ci', '--prefix', 'ci-bot-', '--prefix', 'ci-load-', '--ops', 'create,delete');
    const token = /^ {2}([\w-]{43})$/m.exec(stdout)![1]!;
    const entry = JSON.parse(/^ {2}(\{.*\})$/m.exec(stdout)![1]!);
    expect(entry).toEqual({
      name: 'ci',
      sha256: createHash('sha256').update(token).digest('hex'),
      prefixes: ['ci-bot-', 'ci-load-'],
      operations: ['create', 'delete'],
    });
    expect(stdout.split(token)).toHaveLength(2);

    const [configured] = await readTokens(undefined, JSON.stringify([entry]));
    expect(await findToken([configured!], token)).toMatchObject({
      name: 'ci',
      operations: ['create', 'delete'],
      prefixes: ['ci-bot-', 'ci-load-'],
    });
  });

  it('makes a different token each time', async () => {
    const [first, second] = await Promise.all([run('--name', 'a'), run('--name', 'a')]);
    expect(first.stdout).not.toBe(second.stdout);
  });

  it.each([
    [['--name', 'bad name'], /name: must be 1 to 64 letters/],
    [['--name', 'x', '--ops', 'write'], /operations\[0\]: must be one of read, create, delete, meetings/],
    [['--prefix', 'ci-'], /name: is required/],
    [['--name', 'x', '--secret', 'y'], /Unknown option/],
  ])('refuses %j with exit code 2 and the rule', async (args, message) => {
    const failure = await run(...args).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringMatching(message) });
  });
});
