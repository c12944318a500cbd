import Mocha from 'mocha';
import { stopWorkerUnderTest } from './support/worker.ts';

/**
 * The extension-host entry (test-electron's convention): VS Code loads this file and awaits run().
 * The suites are bundled in; they are imported only after mocha's globals exist, in this order
 * (activation first, since it checks that nothing has activated the extension yet).
 */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: true, reporter: 'spec' });
  mocha.suite.emit(Mocha.Suite.constants.EVENT_FILE_PRE_REQUIRE, globalThis, 'bundle', mocha);
  await import('./suites/activation.suite.ts');
  await import('./suites/token.suite.ts');
  await import('./suites/createAttendees.suite.ts');
  await import('./suites/createTestAttendees.suite.ts');
  await import('./suites/joinInfo.suite.ts');
  await import('./suites/slotCheck.suite.ts');
  await import('./suites/deleteTestAttendees.suite.ts');
  await import('./suites/showMeeting.suite.ts');
  await import('./suites/sidebar.suite.ts');
  await import('./suites/testBots.suite.ts');
  await import('./suites/failures.suite.ts');
  await import('./suites/showLog.suite.ts');
  try {
    const failures = await new Promise<number>((resolve) => mocha.run(resolve));
    if (failures > 0) throw new Error(`${failures} extension host test(s) failed`);
  } finally {
    await stopWorkerUnderTest();
  }
}
