import { condition, getExternalWorkflowHandle, setHandler } from '@temporalio/workflow';
import { refusingBadText } from './shared/text-guard';
import { addDays, shanghaiDate, startOfShanghaiDay } from '../domain/calendar';
import type { Deliberation } from '../domain/temporary';
import { deliberationNotice, DeliberationInput, recordDeliberation } from './definitions';
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
    if (a.meetingOn > shanghaiDate(clock.now()) || a.meetingOn < input.submittedOn) throw failure(FailureTypes.invalid, `the meeting date must lie between ${input.submittedOn} and today`);
    if (a.reasons.length === 0) throw failure(FailureTypes.invalid, 'the mechanism records its reasons');
  };
  setHandler(recordDeliberation, (a) => {
    check(a);
    const { actor, ...rest } = a;
    decision = { ...rest, amountFen: a.outcome === 'grant' ? a.amountFen : 0, by: actor };
    return decision;
  }, { validator: refusingBadText(check) });

  const parent = getExternalWorkflowHandle(input.parentId);
  const decided = () => decision !== null;
  const waitUntil = async (day: string) => {
    const ms = clock.msUntil(startOfShanghaiDay(day));
    return ms > 0 ? condition(decided, ms) : decided();
  };
  if (!(await waitUntil(input.remindOn))) await parent.signal(deliberationNotice, { kind: 'reminder', on: shanghaiDate(clock.now()) });
  if (!(await waitUntil(addDays(input.dueDate, 1)))) await parent.signal(deliberationNotice, { kind: 'escalation', on: shanghaiDate(clock.now()) });
  await condition(decided);
  return decision!;
}
