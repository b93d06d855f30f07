import type { Pool } from 'pg';
import { CaseRow, toCaseRow } from './case-repo';
import { areaCondition, cappedCountSql, COUNT_CAP, decodeCursor, Keyset, KeysetPage, KeyKind, pageOf } from './keyset';

// Lists of cases (#11). Every list reads summary columns only (never the state or application JSON),
// is keyset-paged through an index of migration 011 that matches its area and its order, and fetches
// one row more than it shows to know whether a next page exists.

/** What a list row carries: the read model's columns, without the workflow state. */
export type CaseListRow = Omit<CaseRow, 'state' | 'requestHash'>;

const COLUMNS = `case_id, program, township, household_id, applicant_name, applicant_id_masked, member_count, profile_id,
  profile_version, stage, is_open, sla_status, accepted_on, due_date, due_provisional, warn_on, extended, decided_on, decision,
  monthly_amount_fen, staff_related, related_staff_id, updated_at`;

function toListRow(r: Record<string, unknown>): CaseListRow {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { state, requestHash, ...row } = toCaseRow(r);
  return row;
}

export interface CaseFilter extends Keyset {
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
  /** Without a cursor: the page number (offset paging, kept for older clients; capped by the route). */
  page?: number;
}

/** An offset page (the referral list still pages this way). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CasePage extends KeysetPage<CaseListRow> {
  /** Matching cases, counted up to COUNT_CAP; `totalCapped` when there are more. */
  total: number;
  totalCapped: boolean;
}

/** An order: its SQL, the keyset comparison, the sort key as text, the kinds of its values. */
interface Order {
  by: string;
  key: string;
  cols: string[];
  kinds: KeyKind[];
}

const ORDERS: Record<'new' | 'due' | 'due_desc', Order> = {
  new: { by: 'created_at DESC, case_id DESC', key: '(created_at, case_id) <', cols: ['created_at::text', 'case_id'], kinds: ['ts', 'id'] },
  due: {
    by: "COALESCE(due_date, 'infinity'::date), case_id",
    key: "(COALESCE(due_date, 'infinity'::date), case_id) >",
    cols: ["COALESCE(due_date, 'infinity'::date)::text", 'case_id'],
    kinds: ['date', 'id'],
  },
  due_desc: {
    by: "COALESCE(due_date, '-infinity'::date) DESC, case_id DESC",
    key: "(COALESCE(due_date, '-infinity'::date), case_id) <",
    cols: ["COALESCE(due_date, '-infinity'::date)::text", 'case_id'],
    kinds: ['date', 'id'],
  },
};

function where(f: CaseFilter): { parts: string[]; args: unknown[] } {
  const args: unknown[] = [f.within];
  const parts: string[] = [areaCondition(f.within, 1, { township: 'township', county: 'county' })];
  const add = (col: string, v: unknown) => {
    args.push(v);
    parts.push(`${col} = $${args.length}`);
  };
  if (f.stage) add('stage', f.stage);
  if (f.program) add('program', f.program);
  if (f.township && f.township !== f.within) add('township', f.township);
  if (f.sla) add('sla_status', f.sla);
  if (f.dueBy) {
    args.push(f.dueBy);
    parts.push(`due_date <= $${args.length}`);
  }
  if (f.staffRelated) parts.push('staff_related');
  if (f.openOnly || f.dueBy) parts.push('is_open');
  return { parts, args };
}

/** One keyset page of `base` (conditions and arguments) in `order`, `limit` rows after the cursor. */
async function keysetCases(
  db: Pool,
  list: string,
  base: { parts: string[]; args: unknown[] },
  order: Order,
  page: Keyset & { offset?: number },
): Promise<KeysetPage<CaseListRow>> {
  const parts = [...base.parts];
  const args = [...base.args];
  const after = decodeCursor(list, order.kinds, page.cursor);
  if (after) {
    args.push(...after);
    parts.push(`${order.key} ($${args.length - 1}, $${args.length})`);
  }
  args.push(page.limit + 1, page.offset ?? 0);
  const r = await db.query(
    `SELECT ${COLUMNS}, ${order.cols.map((c, i) => `${c} AS k${i}`).join(', ')} FROM cases WHERE ${parts.join(' AND ')}
     ORDER BY ${order.by} LIMIT $${args.length - 1} OFFSET $${args.length}`,
    args,
  );
  return pageOf(r.rows, page.limit, list, (x) => order.cols.map((_, i) => x[`k${i}`] as string), toListRow);
}

export async function listCases(db: Pool, f: CaseFilter): Promise<CasePage> {
  const w = where(f);
  const sort = f.sort ?? 'new';
  const counted = await db.query(cappedCountSql('cases', `WHERE ${w.parts.join(' AND ')}`, w.args.length + 1), [...w.args, COUNT_CAP + 1]);
  const n = counted.rows[0].n as number;
  const offset = f.cursor === undefined && f.page ? (f.page - 1) * f.limit : 0;
  const page = await keysetCases(db, `cases.${sort}`, w, ORDERS[sort], { cursor: f.cursor, limit: f.limit, offset });
  return { ...page, total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}

/** Open cases with a deadline on or before `until` (decision, review, paperwork, 一事一议), earliest first. */
export async function casesDueByPage(db: Pool, until: string, within: string, page: Keyset): Promise<KeysetPage<CaseListRow>> {
  const base = {
    parts: [areaCondition(within, 1, { township: 'township', county: 'county' }), 'is_open', "sla_status <> 'breached'", 'due_date <= $2'],
    args: [within, until],
  };
  const order: Order = {
    by: 'due_date, case_id',
    key: '(due_date, case_id) >',
    cols: ['due_date::text', 'case_id'],
    kinds: ['date', 'id'],
  };
  return keysetCases(db, 'due-soon', base, order, page);
}

/** Every case that missed its time limit, decided since or not: a breach stays visible. */
export async function breachedPage(db: Pool, within: string, page: Keyset): Promise<KeysetPage<CaseListRow>> {
  const base = { parts: [areaCondition(within, 1, { township: 'township', county: 'county' }), "sla_status = 'breached'"], args: [within] };
  return keysetCases(db, 'breached', base, ORDERS.due, page);
}

/** 单独登记备案: cases whose applicant is related to staff, listed apart for supervisors, newest first. */
export async function staffRelatedPage(db: Pool, within: string, page: Keyset): Promise<KeysetPage<CaseListRow>> {
  const base = { parts: [areaCondition(within, 1, { township: 'township', county: 'county' }), 'staff_related'], args: [within] };
  return keysetCases(db, 'staff-related', base, ORDERS.new, page);
}

/** The first page of breached cases (default 200): for callers that want a quick look, not the whole list. */
export async function breachedCases(db: Pool, within: string, limit = 200): Promise<CaseListRow[]> {
  return (await breachedPage(db, within, { limit })).items;
}
