import type { PaymentRow } from '../../db/payroll-repo';
import { DateStr, shanghaiDate } from '../../domain/calendar';
import type { Actor } from '../../domain/case';
import type { PolicyProfile } from '../../domain/policy';
import type { TemporaryState } from '../../domain/temporary';
import type { TemporaryInput } from '../definitions';
import { recordEvent } from '../shared/activities';
import { CaseClock } from '../shared/clock';
import { fieldsCheckpoint, Lock } from '../shared/lock';
import { syncLedger } from '../shared/ledger';
import { temporaryTracked } from './ledger';

export class TemporaryContext {
  state!: TemporaryState;
  profile!: PolicyProfile;
  /** A step the database refuses for good is undone (see Lock); a broken audit chain refuses updates fast. */
  readonly lock: Lock = new Lock(fieldsCheckpoint<this>(this, ['state', 'pendingDeliberation']), () => this.state);
  readonly clock: CaseClock;
  /** Set by an approval that needs the county mechanism; the main flow submits it. */
  pendingDeliberation: { requestedFen: number; reasons: string } | null = null;

  constructor(readonly input: TemporaryInput) {
    this.clock = new CaseClock(input.demoSpeed ?? 1);
  }

  get ready(): boolean {
    return this.state !== undefined && this.state.stage !== ('accepted' as string);
  }

  today(): DateStr {
    return shanghaiDate(this.clock.now());
  }

  get rules() {
    return this.profile.temporary!;
  }

  dueDate(): DateStr | null {
    const s = this.state;
    if (s.stage === 'deliberating') return s.deliberation?.dueDate ?? null;
    return s.paperwork && !s.paperwork.filed ? s.paperwork.dueDate : null;
  }

  persist(type: string, actor: Actor, reason: string, data: Record<string, unknown> = {}, payments: PaymentRow[] = []): Promise<void> {
    const record = () => recordEvent(this.state, this.clock, this.dueDate(), { type, actor, reason, data, payments });
    // Cases without a ledger (started before it) record exactly as they always did, for replay.
    if (!this.state.ledger) return record();
    return syncLedger(this.state.ledger, temporaryTracked(this), this.today(), reason).then((l) => {
      this.state.ledger = l;
      return record();
    });
  }

  /** Records a payment made now: the amount joins what was granted, the payments table gets its row. */
  async pay(amountFen: number, type: string, actor: Actor, reason: string, data: Record<string, unknown> = {}): Promise<void> {
    const s = this.state;
    const today = this.today();
    const stage = s.payments.filter((p) => p.status === 'paid').length + 1;
    s.payments.push({ stage, dueOn: today, amountFen, status: 'paid', paidOn: today });
    s.grantedFen += amountFen;
    await this.persist(type, actor, reason, { ...data, amountFen, stage }, [
      {
        caseId: s.caseId,
        period: `T${stage}`,
        program: s.kind,
        township: s.township,
        months: [],
        amountFen,
        dueOn: today,
        payee: s.aid.recipient.name,
      },
    ]);
  }
}
