// The bot runner as its own process, for the test that kills it: launches with the JSON options given.
import { launchBots } from '../../../../../extension/src/bots/runner.ts';

await launchBots(JSON.parse(process.argv[2]!));
