import {
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { trivialActivities } from './activities';
import { trivialDone, TrivialInput, trivialStep } from './definitions';

// The trivial comparator (bench only): the same updates, timers, activities and continue-as-new as
// an aidflow happy path, with no state, no rules and no database.
const acts = proxyActivities<ReturnType<typeof trivialActivities>>({ startToCloseTimeout: '30 seconds' });
const local = proxyLocalActivities<ReturnType<typeof trivialActivities>>({ startToCloseTimeout: '30 seconds' });

async function work(activities: number, localActivities: number): Promise<void> {
  for (let i = 0; i < localActivities; i++) await local.trivialNoop(i);
  for (let i = 0; i < activities; i++) await acts.trivialNoop(i);
}

export async function trivialWorkflow(input: TrivialInput): Promise<void> {
  let done = input.run === 0 ? 0 : 4;
  setHandler(trivialDone, () => done);
  setHandler(trivialStep, async (n) => {
    // Step 0 is sent with the start, as aidflow's acceptance is: it answers once the first phase is done.
    if (n === 0) {
      await condition(() => done >= 1);
      return done;
    }
    await condition(() => done >= n);
    await work(input.activities[n], input.localActivities[n]);
    done = n + 1;
    return done;
  });
  // Long timers armed and given up, as a case's SLA and review timers are.
  const idle = new CancellationScope();
  const timers = input.run === 0 ? input.idleTimers : input.next.timers;
  for (let i = 0; i < timers; i++) idle.run(() => sleep('365 days')).catch(() => undefined);
  if (input.run === 1) {
    await work(input.next.activities, input.next.localActivities);
    done = 5;
    await condition(() => false);
    return;
  }
  await work(input.activities[0], input.localActivities[0]);
  done = 1;
  await condition(() => done >= 2);
  await sleep(input.timerMs);
  await work(input.activities[2], input.localActivities[2]);
  done = 3;
  await condition(() => done >= 4);
  idle.cancel();
  await condition(allHandlersFinished);
  await continueAsNew<typeof trivialWorkflow>({ ...input, run: 1 });
}
