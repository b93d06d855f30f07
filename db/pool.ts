import { Pool, types } from 'pg';

// DATE columns stay `YYYY-MM-DD` strings: parsing them into JS Dates would shift them by the
// host's time zone, and dates are Asia/Shanghai calendar days throughout.
types.setTypeParser(types.builtins.DATE, (v: string) => v);
// bigint amounts in fen fit a JS number (< 2^53) comfortably.
types.setTypeParser(types.builtins.INT8, (v: string) => Number(v));

/**
 * The URL with `role` as its login. The application logs in as its restricted role itself: a
 * session that logged in as the owner and switched with `SET ROLE` could switch back.
 */
export function loginAs(url: string, role: string, password?: string): string {
  const u = new URL(url);
  if (decodeURIComponent(u.username) === role) return url;
  u.username = encodeURIComponent(role);
  u.password = password ? encodeURIComponent(password) : '';
  return u.toString();
}

/**
 * `role`: the restricted role every session of the application logs in as (it may append audit
 * rows but never change them); `password` its password where the server asks for one.
 * Migrations use a pool without one (the owner).
 */
export function createPool(url: string, max = 10, role?: string, password?: string): Pool {
  return new Pool({ connectionString: role ? loginAs(url, role, password) : url, max });
}
