import type { ReviewRecord } from '../domain/benefit';
import type { LedgerEntry } from '../domain/deadline-ledger';
import type { Deliberation } from '../domain/temporary';
import { yuan } from './labels';

// The case row's due date and amount mean different things by phase: the decision's time limit while
// applying, the next review in the benefit period, 一事一议 or paperwork for temporary aid; the amount
// is monthly support once approved, and for temporary aid what was asked for and what was granted.

/** The parts of the workflow's state (as stored with the case) the case page reads. */
export interface PhaseState {
  phase?: 'benefit' | 'temporary';
  stage?: string;
  ledger?: LedgerEntry[];
  review?: ReviewRecord | null;
  reviews?: ReviewRecord[];
  assessment?: { monthlyAmountFen?: number } | null;
  aid?: { amountFen: number };
  grantedFen?: number;
  paperwork?: { filed: unknown } | null;
  deliberation?: Pick<Deliberation, 'requestedFen' | 'decision'> | null;
  refusal?: unknown;
}

export function dueLabel(s: PhaseState): string {
  if (s.phase === 'benefit') return '下次复核期限';
  if (s.phase === 'temporary') {
    if (s.stage === 'deliberating') return '一事一议决定期限';
    if (s.paperwork && !s.paperwork.filed) return '补充说明期限';
  }
  return '办理期限';
}

export function amountRows(s: PhaseState, monthlyAmountFen: number | null): [string, string][] {
  if (s.phase === 'temporary') {
    const granted = s.grantedFen ?? 0;
    const decided = s.deliberation?.decision?.outcome === 'refuse' || !!s.refusal ? '不予救助' : '尚未决定';
    return [
      ['申请救助金额', yuan(s.aid?.amountFen)],
      ...(s.deliberation ? [['提交一事一议金额', yuan(s.deliberation.requestedFen)] as [string, string]] : []),
      ['批准救助金额', granted > 0 ? yuan(granted) : decided],
    ];
  }
  if (monthlyAmountFen === null && s.assessment?.monthlyAmountFen !== undefined)
    return [['月保障金额', `${yuan(s.assessment.monthlyAmountFen)}（核算金额，尚未批准）`]];
  return [['月保障金额', yuan(monthlyAmountFen)]];
}
