import { ApplicationFailure } from '@temporalio/workflow';
import type { NoticeRecord } from '../../db/notice-repo';
import { DateStr, shanghaiDate } from '../../domain/calendar';
import type { Actor, CaseState, Stage } from '../../domain/case';
import type { PolicyProfile } from '../../domain/policy';
import { CaseInput, FailureTypes } from '../definitions';
import { acts, recordEvent } from '../shared/activities';
import { CaseClock } from '../shared/clock';
import { fieldsCheckpoint, Lock } from '../shared/lock';
import { syncLedger } from '../shared/ledger';
import { caseTracked } from './ledger';

export { acts };

/** Everything the case workflow's parts share: state, the profile it was accepted under, the lock. */
export class CaseContext {
  state!: CaseState;
  profile!: PolicyProfile;
  /** A step the database refuses for good is undone (see Lock); a broken audit chain refuses updates fast. */
  readonly lock: Lock = new Lock(fieldsCheckpoint<this>(this, ['state']), () => this.state);
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
    const record = () => recordEvent(this.state, this.clock, this.state.deadline.dueDate, { type, actor, reason, data, notices });
    // Cases without a ledger (started before it) record exactly as they always did, for replay.
    if (!this.state.ledger) return record();
    return syncLedger(this.state.ledger, caseTracked(this), this.today(), reason).then((l) => {
      this.state.ledger = l;
      return record();
    });
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
