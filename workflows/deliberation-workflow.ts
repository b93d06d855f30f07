import { condition, getExternalWorkflowHandle, patched, setHandler } from '@temporalio/workflow';
import { refusingBadText } from './shared/text-guard';
import { addDays, shanghaiDate, startOfShanghaiDay } from '../domain/calendar';
import type { Deliberation } from '../domain/temporary';
import { deliberationDeadlineMoved, deliberationNotice, DeliberationInput, recordDeliberation } from './definitions';
import { FailureTypes } from './definitions';
import { failure } from './case/context';
import { CaseClock } from './shared/clock';

/**
 * 一事一议 at the county coordination mechanism (a child of the case). It must not stall: the
 * mechanism is reminded before its deadline and supervisors are alerted after it, and the
 * parent case waits for the decision.
 */
export async function deliberationWorkflow(input: DeliberationInput): Promise<NonNullable<Deliberation['decision']>> {
  const clock = new CaseClock(input.demoSpeed ?? 1, input.clockNow);
  let decision: Deliberation['decision'] = null;
  const check = (a: { amountFen: number; outcome: string; meetingOn: string; reasons: string[] }) => {
    if (decision) throw failure(FailureTypes.wrongStage, `the mechanism already decided on ${decision.meetingOn}`);
    if (a.outcome === 'grant' && (a.amountFen <= 0 || a.amountFen > input.requestedFen)) {
      throw failure(FailureTypes.invalid, `a grant is between 1 fen and the ${input.requestedFen} fen requested`);
    }
    if (a.meetingOn > shanghaiDate(clock.now()) || a.meetingOn < input.submittedOn)
      throw failure(FailureTypes.invalid, `the meeting date must lie between ${input.submittedOn} and today`);
    if (a.reasons.length === 0) throw failure(FailureTypes.invalid, 'the mechanism records its reasons');
  };
  setHandler(
    recordDeliberation,
    (a) => {
      check(a);
      const { actor, ...rest } = a;
      decision = { ...rest, amountFen: a.outcome === 'grant' ? a.amountFen : 0, by: actor };
      return decision;
    },
    { validator: refusingBadText(check) },
  );

  const parent = getExternalWorkflowHandle(input.parentId);
  const decided = () => decision !== null;
  const waitUntil = async (day: string) => {
    const ms = clock.msUntil(startOfShanghaiDay(day));
    return ms > 0 ? condition(decided, ms) : decided();
  };
  if (patched('deadline-ledger')) {
    await movableTimers(input, clock, decided, (kind) => parent.signal(deliberationNotice, { kind, on: shanghaiDate(clock.now()) }));
    return decision!;
  }
  if (!(await waitUntil(input.remindOn))) await parent.signal(deliberationNotice, { kind: 'reminder', on: shanghaiDate(clock.now()) });
  if (!(await waitUntil(addDays(input.dueDate, 1))))
    await parent.signal(deliberationNotice, { kind: 'escalation', on: shanghaiDate(clock.now()) });
  await condition(decided);
  return decision!;
}

/** Reminder, then escalation, each re-armed when the parent's ledger moves the deadline (a calendar change). */
async function movableTimers(
  input: DeliberationInput,
  clock: CaseClock,
  decided: () => boolean,
  notify: (k: 'reminder' | 'escalation') => Promise<void>,
): Promise<void> {
  let dates = { remindOn: input.remindOn, dueDate: input.dueDate };
  let moves = 0;
  setHandler(deliberationDeadlineMoved, (d) => {
    dates = d;
    moves += 1;
  });
  const sent = { reminder: false, escalation: false };
  while (!decided()) {
    const kind = !sent.reminder ? 'reminder' : !sent.escalation ? 'escalation' : null;
    if (!kind) {
      await condition(decided);
      break;
    }
    const at = startOfShanghaiDay(kind === 'reminder' ? dates.remindOn : addDays(dates.dueDate, 1));
    const seen = moves;
    const ms = clock.msUntil(at);
    if (ms > 0 && (await condition(() => decided() || moves !== seen, ms))) continue;
    if (decided()) break;
    sent[kind] = true;
    await notify(kind);
  }
}
