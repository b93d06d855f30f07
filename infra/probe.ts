import net from 'node:net';
import { Client } from 'pg';

// What a process that keeps dying is most likely missing, in words an operator can act on.

export function tcpOpen(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/** '' when Temporal's port answers, else the reason. */
export async function probeTemporal(address: string): Promise<string> {
  const [host, port] = address.split(':');
  return (await tcpOpen(host, Number(port))) ? '' : `nothing listens at ${address} (Temporal)`;
}

/** '' when PostgreSQL accepts a session, else the reason (refused, starting up, shutting down…). */
export async function probePostgres(url: string): Promise<string> {
  const u = new URL(url);
  const where = `${u.hostname}:${u.port || 5432}`;
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 2_000, query_timeout: 2_000 });
  c.on('error', () => undefined);
  try {
    await c.connect();
    await c.query('SELECT 1');
    return '';
  } catch (err) {
    const e = err as { code?: string; message?: string };
    if (e.code === 'ECONNREFUSED' || (e as { errors?: unknown[] }).errors)
      return `PostgreSQL at ${where} refused the connection (not running?)`;
    if (e.code === '57P03') return `PostgreSQL at ${where} is starting up or shutting down`;
    return `PostgreSQL at ${where} did not accept a session: ${[e.code, e.message].filter(Boolean).join(' ')}`;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Reasons for every unreachable dependency, joined; '' when all answer. */
export async function missingDependencies(deps: { databaseUrl?: string; temporalAddress?: string }): Promise<string> {
  const reasons = await Promise.all([
    deps.databaseUrl ? probePostgres(deps.databaseUrl) : '',
    deps.temporalAddress ? probeTemporal(deps.temporalAddress) : '',
  ]);
  return reasons.filter(Boolean).join('; ');
}
