import type { Pool } from 'pg';
import { CaseRow, toCaseRow } from './case-repo';

export interface CaseFilter {
  /** Jurisdiction code: only townships starting with it (a county covers its townships). */
  within: string;
  stage?: string;
  program?: string;
  township?: string;
  sla?: string;
  /** Open cases due on or before this date (the console's "due within N working days"). */
  dueBy?: string;
  staffRelated?: boolean;
  /** Only cases still open (the overview counts open cases). */
  openOnly?: boolean;
  /** Default: newest first; 'due': earliest due date first (no due date last). */
  sort?: 'due' | 'due_desc';
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

function where(f: Omit<CaseFilter, 'page' | 'pageSize' | 'sort'>): { sql: string; args: unknown[] } {
  const args: unknown[] = [f.within];
  const parts: string[] = ["township LIKE $1 || '%'"];
  const add = (col: string, v: unknown) => {
    args.push(v);
    parts.push(`${col} = $${args.length}`);
  };
  if (f.stage) add('stage', f.stage);
  if (f.program) add('program', f.program);
  if (f.township) add('township', f.township);
  if (f.sla) add('sla_status', f.sla);
  if (f.dueBy) {
    args.push(f.dueBy);
    parts.push(`is_open AND due_date <= $${args.length}`);
  }
  if (f.staffRelated) parts.push('staff_related');
  if (f.openOnly) parts.push('is_open');
  return { sql: `WHERE ${parts.join(' AND ')}`, args };
}

const ORDER = { new: 'created_at DESC, case_id', due: 'due_date ASC NULLS LAST, case_id', due_desc: 'due_date DESC NULLS LAST, case_id' };

export async function listCases(db: Pool, f: CaseFilter): Promise<Page<CaseRow>> {
  const w = where(f);
  const total = (await db.query(`SELECT count(*)::int AS n FROM cases ${w.sql}`, w.args)).rows[0].n as number;
  const r = await db.query(
    `SELECT * FROM cases ${w.sql} ORDER BY ${ORDER[f.sort ?? 'new']} LIMIT $${w.args.length + 1} OFFSET $${w.args.length + 2}`,
    [...w.args, f.pageSize, (f.page - 1) * f.pageSize],
  );
  return { items: r.rows.map(toCaseRow), total, page: f.page, pageSize: f.pageSize };
}

/** Open cases with a deadline on or before `until` (decision, review, paperwork, 一事一议), earliest first. */
export async function casesDueBy(db: Pool, until: string, within: string): Promise<CaseRow[]> {
  const r = await db.query(
    `SELECT * FROM cases WHERE is_open AND sla_status <> 'breached' AND due_date <= $1
       AND township LIKE $2 || '%' ORDER BY due_date, case_id`,
    [until, within],
  );
  return r.rows.map(toCaseRow);
}

/** Every case that missed its time limit, decided since or not: a breach stays visible. */
export async function breachedCases(db: Pool, within: string): Promise<CaseRow[]> {
  const r = await db.query(`SELECT * FROM cases WHERE sla_status = 'breached' AND township LIKE $1 || '%' ORDER BY due_date, case_id`, [
    within,
  ]);
  return r.rows.map(toCaseRow);
}

/** 单独登记备案: cases whose applicant is related to staff, listed apart for supervisors. */
export async function staffRelatedCases(db: Pool, within: string): Promise<CaseRow[]> {
  const r = await db.query(`SELECT * FROM cases WHERE staff_related AND township LIKE $1 || '%' ORDER BY created_at DESC`, [within]);
  return r.rows.map(toCaseRow);
}
