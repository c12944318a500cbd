import type { Meeting } from '../../../shared/index.ts';
import type { Deps } from '../deps.ts';
import { requestForMeeting } from '../ui/request.ui.ts';
import { getMeeting } from '../worker/client.ts';

/** A meeting read once for a results list, however many join infos are copied from it. */
export interface MeetingSource {
  /** The meeting, read on first use and kept; undefined when it could not be read (the failure was shown). */
  get(): Promise<Meeting | undefined>;
}

export function meetingSource(deps: Deps, meetingId: string, known?: Meeting): MeetingSource {
  let kept = known;
  let reading: Promise<Meeting | undefined> | undefined;
  const read = async () => {
    const answer = await requestForMeeting(deps, meetingId, {
      title: `Reading meeting ${meetingId}…`,
      what: 'reading it',
      call: (target, signal) => getMeeting(target, meetingId, signal),
    });
    return answer.ok ? (kept = answer.value.Meeting) : undefined;
  };
  return {
    get() {
      if (kept) return Promise.resolve(kept);
      reading ??= read().finally(() => (reading = undefined));
      return reading;
    },
  };
}
