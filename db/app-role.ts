import type { Pool } from 'pg';

/**
 * Run by the owner after migrations: gives the application role the password it logs in with
 * (DB_ROLE_PASSWORD), where the server checks passwords (docker-compose). Trust-auth local
 * databases need none.
 */
export async function setAppRolePassword(owner: Pool, role: string, password: string | undefined): Promise<void> {
  if (!role || !password) return;
  const sql = await owner.query('SELECT format($$ALTER ROLE %I WITH LOGIN PASSWORD %L$$, $1::text, $2::text) AS q', [role, password]);
  await owner.query(sql.rows[0].q);
}
