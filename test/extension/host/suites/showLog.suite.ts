import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { runCommand } from '../support/session.ts';

describe('Chime: Show Log', () => {
  it('shows the log without asking anything', async () => {
    const { ui } = await runCommand('chimeAttendees.showLog', []);
    assert.deepEqual(ui.seen, []);
  });
});
