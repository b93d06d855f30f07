import { ApplicationFailure } from '@temporalio/workflow';
import type { NoticeRecord } from '../../db/notice-repo';
import type { DeadlineRequest, DeadlineResult } from '../../activities/calendar';
import { addWorkingDays, CalendarSnapshot, DateStr, shanghaiDate, WorkingDayResult, yearsSpanned } from '../../domain/calendar';
import type { Actor, CaseState, Stage } from '../../domain/case';
import { planDue } from '../../domain/deadline-ledger';
import type { CaseProfile } from '../../domain/profile-slice';
import { CaseInput, FailureTypes } from '../definitions';
import { acts, recordEvent } from '../shared/activities';
import { CaseClock } from '../shared/clock';
import { fieldsCheckpoint, Lock } from '../shared/lock';
import { CalendarOf, syncLedger } from '../shared/ledger';
import { localActs, StepRecorder } from '../shared/step-recorder';
import { caseTracked } from './ledger';

export { acts };

/** Behind this patch: local reads, one recording per step, search attributes upserted when they change (issue #11). */
export const LEAN_PATCH = 'lean-history';

/** Everything the case workflow's parts share: state, the profile it was accepted under, the lock. */
export class CaseContext {
  state!: CaseState;
  /** The whole profile in cases started before the lean path (their histories carry it), else its slice. */
  profile!: CaseProfile;
  /** Set once at the start (patched(LEAN_PATCH)); cases started before keep their recorded activities. */
  lean = false;
  /** Acceptance recorded: the acceptance update answers then. */
  accepted = false;
  private readonly recorder = new StepRecorder();
  /** Calendar snapshots fetched during the current step (a step never sees two versions of a year). */
  private calendars = new Map<string, Promise<CalendarSnapshot>>();
  private readonly steps: Lock = new Lock(fieldsCheckpoint<this>(this, ['state']), () => this.state);
  /**
   * Serialises steps. A step the database refuses for good is undone (see Lock); a broken audit
   * chain refuses updates fast. On the lean path the step's events are written when it ends, even
   * when it ends in a refusal, as they were written one by one before.
   */
  readonly lock = {
    run: <T>(fn: () => Promise<T>): Promise<T> =>
      this.steps.run(async () => {
        try {
          return await fn();
        } finally {
          this.calendars.clear();
          if (this.recorder.pending) await this.recorder.flush(this.state);
        }
      }),
  };
  /** Bumped whenever the due date moves, so the SLA timers re-arm. */
  deadlineVersion = 0;
  recalcRequested = false;

  readonly clock: CaseClock;

  constructor(readonly input: CaseInput) {
    this.clock = new CaseClock(input.demoSpeed ?? 1);
  }

  get ready(): boolean {
    return this.state !== undefined && this.state.stage !== 'accepted';
  }

  today(): DateStr {
    return shanghaiDate(this.clock.now());
  }

  /** Records one audit event with the resulting state; the only way state reaches the outside. */
  persist(type: string, actor: Actor, reason: string, data: Record<string, unknown> = {}, notices: NoticeRecord[] = []): Promise<void> {
    const e = { type, actor, reason, data, notices };
    // The lean path queues the event; the step writes all of its events at its end (see lock).
    const record = async () =>
      this.lean
        ? this.recorder.queue(this.state, this.clock, this.state.deadline.dueDate, e)
        : recordEvent(this.state, this.clock, this.state.deadline.dueDate, e);
    // Cases without a ledger (started before it) record exactly as they always did, for replay.
    if (!this.state.ledger) return record();
    return syncLedger(this.state.ledger, caseTracked(this), this.today(), reason, this.calendarOf).then((l) => {
      this.state.ledger = l;
      return record();
    });
  }

  /** The calendar of these years: a local read on the lean path (once per step), else the recorded activity. */
  readonly calendarOf: CalendarOf = (years) => {
    if (!this.lean) return acts.calendarSnapshot({ years });
    const key = years.join(',');
    let snap = this.calendars.get(key);
    if (!snap) this.calendars.set(key, (snap = localActs.calendarSnapshot({ years })));
    return snap;
  };

  /** Due date and warning day of a working-day limit (computeDeadline's rule, domain/deadline-ledger.ts planDue). */
  async deadline(req: DeadlineRequest): Promise<DeadlineResult> {
    if (!this.lean) return acts.computeDeadline(req);
    const snapshot = await this.calendarOf(yearsSpanned(req.from, req.workingDays));
    const p = planDue(
      {
        key: 'deadline',
        kind: 'application',
        start: req.from,
        unit: 'workingDays',
        amount: req.workingDays,
        warnBefore: req.warnWorkingDaysBefore,
      },
      snapshot,
    );
    return { dueDate: p.due, warnOn: p.warnOn ?? p.due, provisional: p.provisional, provisionalYears: p.provisionalYears };
  }

  async workingDaysFrom(from: DateStr, n: number): Promise<WorkingDayResult> {
    if (!this.lean) return acts.workingDaysFrom({ from, n });
    return addWorkingDays(from, n, await this.calendarOf(yearsSpanned(from, n)));
  }
}

export function failure(type: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

const STAGE_NAMES: Record<Stage, string> = {
  accepted: '受理',
  investigating: '调查核实',
  democratic_review: '民主评议',
  public_notice: '公示',
  deciding: '审核确认',
  approved: '已批准',
  rejected: '不予批准',
};

export function requireStage(ctx: CaseContext, allowed: Stage[], action: string): void {
  if (!ctx.ready) throw failure(FailureTypes.wrongStage, `case ${ctx.input.caseId} is still being registered; try again shortly`);
  if (!allowed.includes(ctx.state.stage)) {
    const want = allowed.map((a) => `${a}（${STAGE_NAMES[a]}）`).join(' or ');
    throw failure(
      FailureTypes.wrongStage,
      `${action} is possible only in stage ${want}; case ${ctx.state.caseId} is in stage ${ctx.state.stage}（${STAGE_NAMES[ctx.state.stage]}）`,
    );
  }
}

/** 回避 and case ownership: who may act on this case, beyond role and area (checked by the API). */
export function requireMayAct(ctx: CaseContext, actor: Actor): void {
  const s = ctx.state;
  const rel = s.application.staffRelation;
  if (rel && rel.staffId === actor.id) {
    throw failure(
      FailureTypes.forbidden,
      `${actor.id} is related to the applicant (${rel.relation}) and must stay out of this case (回避)`,
    );
  }
  if (actor.role === 'clerk' && actor.id !== s.assignee) {
    throw failure(FailureTypes.forbidden, `case ${s.caseId} is assigned to ${s.assignee}; a supervisor can reassign it`);
  }
}

export function invalid(message: string): ApplicationFailure {
  return failure(FailureTypes.invalid, message);
}
