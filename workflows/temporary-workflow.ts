import { allHandlersFinished, condition, patched, setHandler } from '@temporalio/workflow';
import { addDays, startOfShanghaiDay } from '../domain/calendar';
import { SYSTEM } from '../domain/case';
import type { StagePayment, TemporaryState } from '../domain/temporary';
import { calendarUpdated, stateQuery, TemporaryInput } from './definitions';
import { replanTemporary } from './temporary/ledger';
import { acts } from './shared/activities';
import { TemporaryContext } from './temporary/context';
import { deliberate, registerDeliberationNotices } from './temporary/deliberate';
import { refuse, registerTemporaryHandlers } from './temporary/handlers';

/** 临时救助: emergency aid paid first, expense-driven aid in stages, one-time aid; 一事一议 when needed. */
export async function temporaryAidWorkflow(
  input: TemporaryInput,
): Promise<{ caseId: string; stage: TemporaryState['stage']; grantedFen: number }> {
  const ctx = new TemporaryContext(input);
  setHandler(stateQuery, () => ctx.state ?? null);
  registerTemporaryHandlers(ctx);
  registerDeliberationNotices(ctx);
  // Under the lock: a change arriving during acceptance is applied once the state exists.
  setHandler(calendarUpdated, (u) => ctx.lock.run(() => replanTemporary(ctx, u)));
  await ctx.lock.run(() => accept(ctx));
  const s = ctx.state;

  if (s.kind === 'emergency') await emergency(ctx);
  else {
    await condition(() => s.stage !== 'verifying' && s.stage !== 'deciding');
    if (ctx.pendingDeliberation) {
      const d = await deliberate(ctx, ctx.pendingDeliberation.requestedFen, ctx.pendingDeliberation.reasons);
      if (d.outcome === 'refuse') await ctx.lock.run(() => refuse(ctx, d.reasons, d.by));
      else if (s.kind === 'expense') await ctx.lock.run(() => fitPlan(ctx, d.amountFen));
      else
        await ctx.lock.run(async () => {
          s.stage = 'closed';
          await ctx.pay(d.amountFen, 'temporary_paid', d.by, '一事一议决定救助');
        });
    }
    if (s.stage === 'paying') await payStages(ctx);
  }
  await condition(allHandlersFinished);
  return { caseId: s.caseId, stage: s.stage, grantedFen: s.grantedFen };
}

async function accept(ctx: TemporaryContext): Promise<void> {
  const { caseId, aid, acceptedBy, profileVersion } = ctx.input;
  // The version bound to the township at acceptance; cases started before bindings took the latest.
  // No patch marker: the branch follows an input field no earlier history carries, and a marker would
  // put an unencrypted payload in every new history (test/trust.test.ts).
  ctx.profile =
    profileVersion !== undefined
      ? await acts.loadProfileVersion({ id: aid.profileId, version: profileVersion })
      : await acts.loadProfile(aid.profileId);
  ctx.state = {
    phase: 'temporary',
    caseId,
    kind: aid.kind,
    program: aid.kind,
    township: aid.township,
    aid,
    profile: { id: ctx.profile.id, version: ctx.profile.version },
    stage: 'accepted' as TemporaryState['stage'],
    sla: 'on_time',
    acceptedOn: ctx.today(),
    acceptedBy,
    grantedFen: 0,
    payments: [],
    paperwork: null,
    verification: null,
    deliberation: null,
    refusal: null,
    referral: null,
    cancellation: null,
    eventCount: 0,
    version: 0,
  };
  if (patched('deadline-ledger')) ctx.state.ledger = [];
  if (aid.kind !== 'emergency') ctx.state.stage = aid.kind === 'expense' ? 'verifying' : 'deciding';
  await ctx.persist(
    'temporary_accepted',
    acceptedBy,
    aid.incident?.what ?? aid.expense?.description ?? '未参保失业人员一次性临时救助申请',
    {
      kind: aid.kind,
      amountFen: aid.amountFen,
      township: aid.township,
      registeredTownship: aid.recipient.registeredTownship ?? null,
    },
  );
  if (aid.kind === 'emergency') {
    const overCap = aid.amountFen > ctx.rules.townshipCapFen.value;
    if (overCap || aid.special) {
      ctx.pendingDeliberation = {
        requestedFen: aid.amountFen,
        reasons: aid.special
          ? (aid.specialReason ?? '特殊个案')
          : `金额${aid.amountFen}分超过乡镇先行救助额度${ctx.rules.townshipCapFen.value}分`,
      };
      return;
    }
    await payFirst(ctx, aid.amountFen, acceptedBy);
  }
}

/** 先行救助: paid in the step that records it; the paperwork (事后补充说明) is due after. */
async function payFirst(ctx: TemporaryContext, amountFen: number, by: typeof SYSTEM): Promise<void> {
  const today = ctx.today();
  const dl = await acts.computeDeadline({
    from: today,
    workingDays: ctx.rules.paperworkWorkingDays.value,
    warnWorkingDaysBefore: ctx.rules.paperworkReminderWorkingDays.value,
  });
  ctx.state.paperwork = { dueDate: dl.dueDate, remindOn: dl.warnOn, remindedOn: null, escalatedOn: null, filed: null };
  ctx.state.stage = 'paperwork_due';
  await ctx.pay(amountFen, 'emergency_paid', by, `急难型临时救助先行支付，须于${dl.dueDate}前补充说明`, { paperworkDue: dl.dueDate });
}

async function emergency(ctx: TemporaryContext): Promise<void> {
  const s = ctx.state;
  if (ctx.pendingDeliberation) {
    const d = await deliberate(ctx, ctx.pendingDeliberation.requestedFen, ctx.pendingDeliberation.reasons);
    if (d.outcome === 'refuse') return ctx.lock.run(() => refuse(ctx, d.reasons, d.by));
    await ctx.lock.run(() => payFirst(ctx, d.amountFen, d.by));
  }
  // Reminder before the paperwork deadline, escalation after it; the case stays open until filed.
  while (!s.paperwork!.filed) {
    const p = s.paperwork!;
    const next = !p.remindedOn
      ? { at: startOfShanghaiDay(p.remindOn), kind: 'remind' }
      : !p.escalatedOn
        ? { at: startOfShanghaiDay(addDays(p.dueDate, 1)), kind: 'escalate' }
        : null;
    const version = s.version;
    const moved = next ? await waitUnless(ctx, () => s.version !== version, next.at) : (await condition(() => s.version !== version), true);
    if (moved || !next) continue;
    await ctx.lock.run(async () => {
      if (s.paperwork!.filed) return;
      if (next.kind === 'remind') {
        p.remindedOn = ctx.today();
        await ctx.persist('paperwork_reminder', SYSTEM, `请于${p.dueDate}前补充说明情况（事后补充说明）`, { dueDate: p.dueDate });
      } else {
        p.escalatedOn = ctx.today();
        s.sla = 'breached';
        await ctx.persist('paperwork_overdue', SYSTEM, `事后补充说明逾期（${p.dueDate}），已报督办`, { dueDate: p.dueDate });
      }
    });
  }
}

/** 一次审批、分阶段救助: each stage paid on its day unless the rest were cancelled. */
async function payStages(ctx: TemporaryContext): Promise<void> {
  const s = ctx.state;
  for (;;) {
    const next = s.payments.find((p) => p.status === 'scheduled');
    if (!next || s.stage !== 'paying') break;
    const moved = await waitUnless(ctx, () => next.status !== 'scheduled', startOfShanghaiDay(next.dueOn));
    if (moved) continue;
    await ctx.lock.run(async () => {
      if (next.status !== 'scheduled') return;
      await payStage(ctx, next);
    });
  }
  if (s.stage === 'paying')
    await ctx.lock.run(async () => {
      s.stage = 'closed';
      await ctx.persist('temporary_closed', SYSTEM, '分阶段救助已全部发放');
    });
}

async function payStage(ctx: TemporaryContext, p: StagePayment): Promise<void> {
  const s = ctx.state;
  p.status = 'paid';
  p.paidOn = ctx.today();
  s.grantedFen += p.amountFen;
  await ctx.persist('stage_paid', SYSTEM, `第${p.stage}阶段救助金发放`, { stage: p.stage, amountFen: p.amountFen }, [
    {
      caseId: s.caseId,
      period: `T${p.stage}`,
      program: s.kind,
      township: s.township,
      months: [],
      amountFen: p.amountFen,
      dueOn: p.dueOn,
      payee: s.aid.recipient.name,
    },
  ]);
}

/** A grant below the planned total keeps the earliest stages that fit, trimming the last one. */
async function fitPlan(ctx: TemporaryContext, grantedFen: number): Promise<void> {
  let left = grantedFen;
  for (const p of ctx.state.payments) {
    p.amountFen = Math.min(p.amountFen, left);
    left -= p.amountFen;
    if (p.amountFen === 0) p.status = 'cancelled';
  }
  ctx.state.stage = 'paying';
  await ctx.persist('stages_planned', SYSTEM, '按一事一议决定安排分阶段发放', { stages: ctx.state.payments });
}

async function waitUnless(ctx: TemporaryContext, fn: () => boolean, at: number): Promise<boolean> {
  const ms = ctx.clock.msUntil(at);
  return ms > 0 ? condition(fn, ms) : fn();
}
