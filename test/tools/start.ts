import { AWS_RATE_LIMIT } from '../emulator/defaults.ts';
import { LOCAL_TOKEN, startLocalWorker } from './local-stack.ts';

/**
 * `npm start`: the worker in workerd against the local Chime emulator, with a demo meeting made through
 * the worker. The emulator throttles as AWS does, so what the worker's pacer does locally is what it does there.
 */
const stack = await startLocalWorker({ port: Number(process.env.PORT ?? 8787), awsRate: true });
const { url: workerUrl } = stack;
const auth = `-H 'Authorization: Bearer ${LOCAL_TOKEN}'`;
const demo = { ExternalMeetingId: 'demo', Attendees: [1, 2, 3, 4, 5].map((n) => ({ ExternalUserId: `bot-${n}` })) };
/** The demo meeting, made as a developer would make one: through the worker. */
async function demoMeeting(): Promise<{ MeetingId: string }> {
  const created = await fetch(`${workerUrl}/meetings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${LOCAL_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ExternalMeetingId: demo.ExternalMeetingId }),
  });
  if (!created.ok) throw new Error(`making the demo meeting failed: HTTP ${created.status} ${await created.text()}`);
  return ((await created.json()) as { Meeting: { MeetingId: string } }).Meeting;
}

const Meeting = await demoMeeting().catch(async (error: unknown) => {
  await stack.close();
  throw error;
});

console.log(`
chime-attendees is running (worker in workerd, Amazon Chime emulated locally; no AWS account used)

  worker:    ${workerUrl}
  emulator:  ${stack.emulator.url}   (state: ${stack.emulator.stateUrl})
             throttles like AWS: ${AWS_RATE_LIMIT.callsPerSecond} calls a second per operation, burst ${AWS_RATE_LIMIT.burst};
             the worker paces its calls to stay within it
  token:     ${LOCAL_TOKEN}   (local only)
  meeting:   ${Meeting.MeetingId}   (nobody joins it, so it ends by itself in 5 minutes, as on AWS)

Create two attendees in it:

  curl -s -X POST ${workerUrl}/meetings/${Meeting.MeetingId}/attendees \\
    ${auth} -H 'Content-Type: application/json' \\
    -d '{"Attendees":[{"ExternalUserId":"alice@example.com"},{"ExternalUserId":"test-bot-1"}]}'

Once a meeting has ended, make another, with five bots in the same call:

  curl -s -X POST ${workerUrl}/meetings \\
    ${auth} -H 'Content-Type: application/json' \\
    -d '${JSON.stringify(demo)}'

End a meeting (frees all its slots at once):

  curl -s -X DELETE ${workerUrl}/meetings/$MEETING_ID ${auth} -w '%{http_code}\\n'

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
