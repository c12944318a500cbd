import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitUserEmail } from '../../../extension/src/create/gitEmail.ts';

describe('gitUserEmail', () => {
  const repo = mkdtempSync(join(tmpdir(), 'chime-git-'));
  execFileSync('git', ['init', '-q'], { cwd: repo });
  execFileSync('git', ['config', 'user.email', 'dev@example.com'], { cwd: repo });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it("reads the folder's git user email", async () => {
    expect(await gitUserEmail(repo)).toBe('dev@example.com');
  });

  it('answers undefined instead of failing when git cannot run there', async () => {
    expect(await gitUserEmail(join(repo, 'no-such-folder'))).toBeUndefined();
  });
});
