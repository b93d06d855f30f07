import { Pool, types } from 'pg';

// DATE columns stay `YYYY-MM-DD` strings: parsing them into JS Dates would shift them by the
// host's time zone, and dates are Asia/Shanghai calendar days throughout.
types.setTypeParser(types.builtins.DATE, (v: string) => v);
// bigint amounts in fen fit a JS number (< 2^53) comfortably.
types.setTypeParser(types.builtins.INT8, (v: string) => Number(v));

/**
 * `role`: the restricted role every session of the application works as (it may append audit
 * rows but never change them). Migrations use a pool without one.
 */
export function createPool(url: string, max = 10, role?: string): Pool {
  return new Pool({ connectionString: url, max, ...(role ? { options: `-c role=${role}` } : {}) });
}
