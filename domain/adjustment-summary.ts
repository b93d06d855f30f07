import type { Program } from './application';
import type { CaseOutcome, Standing } from './adjustment-preview';

// The preview's totals per township and program, filled one case at a time so 100,000 cases never sit
// in memory at once. Money in fen; the twelve-month figure counts only months a case is still paid in.

export interface SummaryLine {
  township: string;
  program: Program;
  households: number;
  people: number;
  affectedHouseholds: number;
  affectedPeople: number;
  currentMonthlyFen: number;
  newMonthlyFen: number;
  monthlyDeltaFen: number;
  twelveMonthDeltaFen: number;
  rising: number;
  falling: number;
  noLongerQualify: number;
  scheduleChanges: number;
}

export interface Transition {
  from: Standing;
  to: Standing;
  households: number;
}

export interface PreviewSummary {
  lines: SummaryLine[];
  total: Omit<SummaryLine, 'township' | 'program'>;
  /** Households whose standing (低保, 特困, 低收入, neither) differs under the draft: who enters or leaves a category. */
  transitions: Transition[];
}

const zero = () => ({
  households: 0,
  people: 0,
  affectedHouseholds: 0,
  affectedPeople: 0,
  currentMonthlyFen: 0,
  newMonthlyFen: 0,
  monthlyDeltaFen: 0,
  twelveMonthDeltaFen: 0,
  rising: 0,
  falling: 0,
  noLongerQualify: 0,
  scheduleChanges: 0,
});

export class SummaryBuilder {
  private readonly lines = new Map<string, SummaryLine>();
  private readonly total = zero();
  private readonly moves = new Map<string, Transition>();

  add(o: CaseOutcome, monthsPaid: number): void {
    const key = `${o.township}|${o.program}`;
    let line = this.lines.get(key);
    if (!line) this.lines.set(key, (line = { township: o.township, program: o.program, ...zero() }));
    for (const t of [line, this.total]) {
      t.households += 1;
      t.people += o.people;
      t.currentMonthlyFen += o.currentFen;
      t.newMonthlyFen += o.newFen;
      t.monthlyDeltaFen += o.deltaFen;
      t.twelveMonthDeltaFen += o.deltaFen * monthsPaid;
      if (o.affected) {
        t.affectedHouseholds += 1;
        t.affectedPeople += o.people;
      }
      if (o.deltaFen > 0) t.rising += 1;
      if (o.deltaFen < 0) t.falling += 1;
      if (o.noLongerQualifies) t.noLongerQualify += 1;
      if (o.scheduleChanges) t.scheduleChanges += 1;
    }
    if (o.standingNow !== o.standingUnderDraft) {
      const k = `${o.standingNow}>${o.standingUnderDraft}`;
      const m = this.moves.get(k) ?? { from: o.standingNow, to: o.standingUnderDraft, households: 0 };
      m.households += 1;
      this.moves.set(k, m);
    }
  }

  result(): PreviewSummary {
    const lines = [...this.lines.values()].sort((a, b) => a.township.localeCompare(b.township) || a.program.localeCompare(b.program));
    return { lines, total: { ...this.total }, transitions: [...this.moves.values()] };
  }
}
