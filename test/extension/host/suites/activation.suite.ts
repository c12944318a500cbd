import * as assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import * as vscode from 'vscode';
import { extension } from '../support/extension.ts';

const COMMANDS = [
  'chimeAttendees.createAttendees',
  'chimeAttendees.createTestAttendees',
  'chimeAttendees.deleteTestAttendees',
  'chimeAttendees.showMeeting',
  'chimeAttendees.setToken',
  'chimeAttendees.clearToken',
  'chimeAttendees.showLog',
  // The Chime sidebar and the test-meeting loop.
  'chimeAttendees.createMeeting',
  'chimeAttendees.endMeeting',
  'chimeAttendees.refreshMeetings',
  'chimeAttendees.addAttendees',
  'chimeAttendees.addTestAttendees',
  'chimeAttendees.copyAllJoinInfo',
  'chimeAttendees.copyJoinInfo',
  'chimeAttendees.deleteAttendee',
  'chimeAttendees.forgetMeeting',
  'chimeAttendees.showConnection',
  'chimeAttendees.openWorkerUrlSetting',
  'chimeAttendees.launchTestBots',
  'chimeAttendees.stopTestBots',
];

describe('Activation', () => {
  it('waits for one of its commands, then registers them all', async () => {
    const ext = extension();
    assert.equal(ext.isActive, false, 'the extension was activated before any of its commands ran');
    const contributed = (ext.packageJSON.contributes.commands as Array<{ command: string; category: string }>).map((c) => c.command);
    assert.deepEqual([...contributed].sort(), [...COMMANDS].sort());
    await vscode.commands.executeCommand('chimeAttendees.showLog');
    assert.equal(ext.isActive, true);
    const registered = await vscode.commands.getCommands(true);
    for (const command of COMMANDS) assert.ok(registered.includes(command), `${command} is not registered`);
  });
});
