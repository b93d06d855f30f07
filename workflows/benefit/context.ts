import type { AdjustmentCaseRow } from '../../db/adjustment-run-repo';
import type { NoticeRecord } from '../../db/notice-repo';
import type { BenefitState } from '../../domain/benefit';
import { DateStr, shanghaiDate } from '../../domain/calendar';
import type { Actor } from '../../domain/case';
import type { PolicyProfile } from '../../domain/policy';
import type { BenefitInput } from '../definitions';
import { recordEvent } from '../shared/activities';
import { CaseClock } from '../shared/clock';
import { fieldsCheckpoint, Lock } from '../shared/lock';
import { syncLedger } from '../shared/ledger';
import { benefitTracked } from './ledger';

/** One review cycle's run of a case in its benefit period. */
export class BenefitContext {
  state!: BenefitState;
  profile!: PolicyProfile;
  /** A step the database refuses for good is undone (see Lock); a broken audit chain refuses updates fast. */
  readonly lock: Lock = new Lock(fieldsCheckpoint<this>(this, ['state', 'cycleDone']), () => this.state);
  readonly clock: CaseClock;
  /** Set when this cycle's outcome is applied: the run hands over to the next by continue-as-new. */
  cycleDone = false;

  constructor(readonly input: BenefitInput) {
    this.clock = new CaseClock(input.demoSpeed ?? 1, input.clockNow);
  }

  get ready(): boolean {
    return this.state !== undefined;
  }

  today(): DateStr {
    return shanghaiDate(this.clock.now());
  }

  /** The deadline in force: an open review's, or a pending objection decision's. */
  dueDate(): DateStr | null {
    const s = this.state;
    if (s.stage === 'termination_objection') return s.termination?.objection?.decisionDue ?? null;
    return s.stage === 'reviewing' ? (s.review?.dueDate ?? null) : null;
  }

  persist(
    type: string,
    actor: Actor,
    reason: string,
    data: Record<string, unknown> = {},
    notices: NoticeRecord[] = [],
    extra: { adjustment?: AdjustmentCaseRow } = {},
  ): Promise<void> {
    const record = () => recordEvent(this.state, this.clock, this.dueDate(), { type, actor, reason, data, notices, ...extra });
    // Cases without a ledger (runs started before it) record exactly as they always did, for replay.
    if (!this.state.ledger) return record();
    return syncLedger(this.state.ledger, benefitTracked(this), this.today(), reason).then((l) => {
      this.state.ledger = l;
      return record();
    });
  }
}
