import { z } from 'zod';
import { InvalidCursorError } from '../db/keyset';
import { badRequest } from './errors';

// The paging parameters every list takes (#11, rule 9: every list paged with a maximum page size).
// `cursor` is opaque: the `nextCursor` of the previous page, tied to the list and its order.

export const MAX_PAGE_SIZE = 200;

export const cursorParam = z
  .string()
  .max(400)
  .regex(/^[A-Za-z0-9_-]+$/, 'the nextCursor of the previous page')
  .optional()
  .meta({ description: 'the nextCursor of the previous page; omit for the first page' });

export const limitParam = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(fallback)
    .meta({ description: `rows per page (at most ${MAX_PAGE_SIZE}); follow nextCursor for more` });

const township = z
  .string()
  .regex(/^\d{9}$/)
  .optional();

/** An area list (breached, staff-related, access denials, payroll roster): township filter and paging. */
export const areaPageQuery = (fallback: number) => z.object({ township, cursor: cursorParam, limit: limitParam(fallback) });

/** The cursor as a response field: null on the last page. */
export const nextCursorField = z
  .string()
  .nullable()
  .meta({ description: 'pass as cursor for the next page; null when this is the last page' });

/** Runs a list query; a cursor it cannot use is the caller's input: 400 on query.cursor. */
export async function paged<T>(list: () => Promise<T>): Promise<T> {
  try {
    return await list();
  } catch (err) {
    if (err instanceof InvalidCursorError)
      throw badRequest(`invalid cursor: ${err.message}`, [{ path: 'query.cursor', message: err.message }]);
    throw err;
  }
}
