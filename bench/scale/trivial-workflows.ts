// The comparators of P5 and P7: the least a workflow can be that waits like a case does. `waiting`
// runs one activity, then waits for a signal or a timer (a case waiting in investigation);
// `timer` sleeps until a given instant, then runs one activity (a review opening records one step).
import { condition, defineSignal, proxyActivities, setHandler, sleep } from '@temporalio/workflow';

const { touch } = proxyActivities<{ touch(id: string): Promise<string> }>({ startToCloseTimeout: '30 seconds' });
export const done = defineSignal('done');

export async function waiting(id: string): Promise<string> {
  let finished = false;
  setHandler(done, () => void (finished = true));
  const r = await touch(id);
  await condition(() => finished, '60 days');
  return r;
}

export async function timer(dueAtMs: number): Promise<string> {
  await sleep(Math.max(1, dueAtMs - Date.now()));
  return touch(String(dueAtMs));
}
