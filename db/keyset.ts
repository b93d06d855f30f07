import { isDateStr } from '../domain/calendar';

// Keyset pagination for every list (#11): a page ends with an opaque cursor holding the sort key of
// its last row; the next page starts after that key through the same index, so page 1,000 costs
// what page 1 costs (OFFSET would read and throw away every row before it).

/** What each list is given: where to start and how many rows (the route caps `limit`). */
export interface Keyset {
  cursor?: string;
  limit: number;
}

export interface KeysetPage<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** A cursor that does not decode, or belongs to another list or order: the caller's input, a 400. */
export class InvalidCursorError extends Error {}

/** Kinds of key values and how a cursor's value is checked before it reaches SQL. */
export type KeyKind = 'ts' | 'date' | 'id' | 'int';
const CHECK: Record<KeyKind, (v: string) => boolean> = {
  // timestamptz as PostgreSQL prints it, microseconds kept (JS Date would round them away).
  ts: (v) => /^\d{4}-\d{2}-\d{2} ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(v) && isDateStr(v.slice(0, 10)),
  date: (v) => v === 'infinity' || v === '-infinity' || isDateStr(v),
  id: (v) => /^[A-Za-z0-9-]{1,64}$/.test(v),
  int: (v) => /^\d{1,18}$/.test(v),
};

export function encodeCursor(list: string, values: string[]): string {
  return Buffer.from(JSON.stringify([list, ...values])).toString('base64url');
}

/** The key values after which `list` continues; undefined for the first page. */
export function decodeCursor(list: string, kinds: KeyKind[], cursor: string | undefined): string[] | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('not a cursor this API handed out');
  }
  if (!Array.isArray(parsed) || parsed[0] !== list || parsed.length !== kinds.length + 1)
    throw new InvalidCursorError(`not a cursor of this list (${list}) and order: start again from the first page`);
  const values = parsed.slice(1);
  if (!values.every((v, i) => typeof v === 'string' && CHECK[kinds[i]](v))) throw new InvalidCursorError('a damaged cursor');
  return values as string[];
}

/**
 * Fetches `limit + 1` rows to know whether a next page exists; the cursor is the key of the last row shown.
 * `key` reads the sort key (as text) from a raw row.
 */
export function pageOf<R, T>(rows: R[], limit: number, list: string, key: (r: R) => string[], map: (r: R) => T): KeysetPage<T> {
  const shown = rows.slice(0, limit);
  const more = rows.length > limit && shown.length > 0;
  return { items: shown.map(map), nextCursor: more ? encodeCursor(list, key(shown[shown.length - 1])) : null };
}

/**
 * The area condition on `within` (a jurisdiction code): a county (6 digits) is an equality on the
 * generated county column, a township (9 digits) on the township; anything else a LIKE prefix,
 * served by the text_pattern_ops indexes of migration 011.
 */
export function areaCondition(within: string, param: number, cols: { township: string; county: string }): string {
  if (/^\d{6}$/.test(within)) return `${cols.county} = $${param}`;
  if (/^\d{9}$/.test(within)) return `${cols.township} = $${param}`;
  return `${cols.township} LIKE $${param} || '%'`;
}

/** Counts stop here: a supervisor needs "more than 10,000", not a scan of the whole county to say 412,318. */
export const COUNT_CAP = 10_000;

/**
 * count(*) of at most COUNT_CAP + 1 rows: `capped` when there are more than COUNT_CAP. Unordered, so it can
 * be an index-only scan (cases_county_open_counts carries what the console's filters need).
 */
export function cappedCountSql(from: string, where: string, limitParam: number): string {
  return `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} ${where} LIMIT $${limitParam}) capped`;
}
