import { AWS_RATE_LIMIT } from '../emulator/defaults.ts';
import { LOCAL_TOKEN, startLocalStack } from './local-stack.ts';

/**
 * `npm start`: the worker in workerd against the local Chime emulator, with a demo meeting ready. The
 * emulator throttles as AWS does by default, so what the worker's pacer does locally is what it does there.
 */
const stack = await startLocalStack({ port: Number(process.env.PORT ?? 8787), awsRate: true });
const created = await fetch(`${stack.emulator.url}/_emulator/meetings`, { method: 'POST' });
const { Meeting } = (await created.json()) as { Meeting: { MeetingId: string } };

console.log(`
chime-attendees is running (worker in workerd, Amazon Chime emulated locally; no AWS account used)

  worker:    ${stack.workerUrl}
  emulator:  ${stack.emulator.url}   (state: ${stack.emulator.url}/_emulator/state)
             throttles like AWS: ${AWS_RATE_LIMIT.callsPerSecond} calls a second per operation, burst ${AWS_RATE_LIMIT.burst};
             the worker paces its calls to stay within it
  token:     ${LOCAL_TOKEN}   (local only)
  meeting:   ${Meeting.MeetingId}

Create two attendees:

  curl -s -X POST ${stack.workerUrl}/meetings/${Meeting.MeetingId}/attendees \\
    -H 'Authorization: Bearer ${LOCAL_TOKEN}' -H 'Content-Type: application/json' \\
    -d '{"Attendees":[{"ExternalUserId":"alice@example.com"},{"ExternalUserId":"test-bot-1"}]}'

Press Ctrl+C to stop.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void stack.close().then(() => process.exit(0));
  });
}
