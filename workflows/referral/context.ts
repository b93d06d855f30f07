import { upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { DateStr, shanghaiDate, startOfShanghaiDay } from '../../domain/calendar';
import type { Actor } from '../../domain/case';
import type { ReferralState } from '../../domain/referral';
import { SA } from '../definitions';
import { acts } from '../shared/activities';
import { CaseClock } from '../shared/clock';
import { Lock } from '../shared/lock';
import type { ReferralInput } from './definitions';

export class ReferralContext {
  state!: ReferralState;
  readonly lock = new Lock();
  readonly clock: CaseClock;

  constructor(readonly input: ReferralInput) {
    this.clock = new CaseClock(input.demoSpeed ?? 1);
  }

  get ready(): boolean {
    return this.state !== undefined;
  }

  today(): DateStr {
    return shanghaiDate(this.clock.now());
  }

  /**
   * One audit event with the resulting state; stage, SLA and the open due date go to search
   * attributes (never personal data), so the CLI and Web UI list referrals like cases.
   */
  async persist(type: string, actor: Actor, reason: string, data: Record<string, unknown> = {}): Promise<void> {
    const s = this.state;
    const seq = s.eventCount;
    s.eventCount += 1;
    s.version += 1;
    const open = s.stage === 'referred';
    upsertSearchAttributes([
      { key: SA.stage, value: s.stage },
      { key: SA.sla, value: s.sla },
      { key: SA.dueDate, value: open ? new Date(startOfShanghaiDay(s.dueDate)) : null },
    ]);
    await acts.recordReferralStep({
      event: {
        caseId: s.referralId,
        seq,
        type,
        stage: s.stage,
        actor,
        reason,
        data,
        occurredAtMs: this.clock.now(),
        dueDate: open ? s.dueDate : null,
        runId: workflowInfo().runId,
      },
      snapshot: s,
    });
  }
}
