import { liveCasePage } from '../../db/adjustment-repo';
import { CaseOutcome, caseUnderDraft, LiveCase, monthsPaidOfTwelve } from '../../domain/adjustment-preview';
import { PreviewSummary, SummaryBuilder } from '../../domain/adjustment-summary';
import type { CaseServices } from '../deps';
import type { DraftContext } from './adjustment-draft-context';

// The preview reads the live cases a page at a time (keyset on case id) and computes in JS with the
// domain rules; only the running totals and the requested page of rows are kept.

const READ_PAGE = 5000;

/** Every live case in the context's scope with its outcome, in case-id order, from after `after`. */
export async function* outcomes(deps: Pick<CaseServices, 'db'>, ctx: DraftContext, after = ''): AsyncGenerator<[CaseOutcome, number]> {
  const filter = { profileId: ctx.draft.profileId, within: ctx.within, effectiveMonth: ctx.draft.effectiveMonth };
  const read = (cursor: string) => liveCasePage(deps.db, filter, cursor, READ_PAGE);
  let pending: Promise<LiveCase[]> | null = read(after);
  while (pending) {
    const page: LiveCase[] = await pending;
    // The next page is read while this one is computed: PostgreSQL and the JS rules work side by side.
    pending = page.length < READ_PAGE ? null : read(page[page.length - 1].caseId);
    pending?.catch(() => undefined); // awaited on the next turn; a consumer that stops early leaves no unhandled rejection
    for (const c of page) {
      const current = ctx.versions.get(c.profileVersion) ?? ctx.base;
      const o = caseUnderDraft(c, current, ctx.next, ctx.draft.effectiveMonth);
      yield [o, monthsPaidOfTwelve(ctx.draft.effectiveMonth, c.paidFrom, c.paidThrough)];
    }
  }
}

export interface PreviewQuery {
  /** Keyset: rows after this case id; a later page carries no summary (it was on the first). */
  after?: string;
  limit: number;
  rows: 'affected' | 'all';
}

export interface PreviewResult {
  profileId: string;
  fromVersion: number;
  effectiveMonth: string;
  within: string;
  summary: PreviewSummary | null;
  rows: { items: CaseOutcome[]; nextAfter: string | null };
}

export async function preview(deps: Pick<CaseServices, 'db'>, ctx: DraftContext, q: PreviewQuery): Promise<PreviewResult> {
  const summary = q.after ? null : new SummaryBuilder();
  const items: CaseOutcome[] = [];
  let more = false;
  for await (const [o, months] of outcomes(deps, ctx, q.after ?? '')) {
    summary?.add(o, months);
    if (q.rows === 'affected' && !o.affected) continue;
    if (items.length < q.limit) items.push(o);
    else {
      more = true;
      if (!summary) break;
    }
  }
  return {
    profileId: ctx.draft.profileId,
    fromVersion: ctx.base.version,
    effectiveMonth: ctx.draft.effectiveMonth,
    within: ctx.within,
    summary: summary?.result() ?? null,
    rows: { items, nextAfter: more ? items[items.length - 1].caseId : null },
  };
}
