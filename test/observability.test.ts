// Logs and headers without a running system: redaction and masking, request ids, the access line,
// and HTTPS-only headers only when TLS is configured.
import { Client, Connection } from '@temporalio/client';
import { createPool } from '../db/pool';
import { compactLine, createLogger } from '../infra/logger';
import { requestIdFrom } from '../infra/request-id';
import { freePort } from './chaos/system';
import { startApi } from './support/http';
import { apiDeps } from './support/trust';

function capture(env: NodeJS.ProcessEnv = { NODE_ENV: 'production' }) {
  const lines: string[] = [];
  return { lines, log: createLogger('api', env, { write: (s: string) => void lines.push(s) }) };
}

test('JSON in production: ID numbers masked in any text, names and applications redacted, tokens never written', () => {
  const { lines, log } = capture();
  log.info(
    {
      case: { applicantName: '张三', idNumber: '430921199001011234', stage: 'accepted' },
      reason: 'see 430921199001011234',
      req: { headers: { authorization: 'Bearer secret-token' } },
    },
    'accepted for 43092119900101123X',
  );
  log.error({ err: new Error('row for 430921199001011234 failed') }, 'boom');
  const [info, error] = lines.map((l) => JSON.parse(l));
  expect(info).toMatchObject({
    level: 30,
    name: 'api',
    msg: 'accepted for 4309**********123X',
    reason: 'see 4309**********1234',
    case: { applicantName: '[redacted]', idNumber: '[redacted]', stage: 'accepted' },
    req: { headers: { authorization: '[redacted]' } },
  });
  expect(error.err.message).toBe('row for 4309**********1234 failed');
  expect(lines.join('')).not.toMatch(/secret-token|张三|\d{17}[\dX]/);
});

test('readable outside production: one line per event with level, name and fields', () => {
  const { lines, log } = capture({});
  log.warn({ caseId: 'DB-1', n: 2 }, 'slow');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN  \[api\] slow caseId=DB-1 n=2\n$/);
  expect(compactLine('not json')).toBe('not json');
});

test('request ids: a plain X-Request-Id is kept, anything else replaced by a UUID', () => {
  expect(requestIdFrom('abc-123.x:y')).toBe('abc-123.x:y');
  for (const bad of [undefined, '', 'a b', 'x'.repeat(101), '<script>']) expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
});

describe('HTTPS-only headers', () => {
  const served = async (tls: boolean) => {
    const db = createPool(`postgres://aidflow@127.0.0.1:${await freePort()}/aidflow`, 1);
    const temporal = new Client({ connection: Connection.lazy({ address: `127.0.0.1:${await freePort()}` }) });
    const api = await startApi(await apiDeps({ db, temporal, taskQueue: 'q', acceptWaitMs: 1_000 }, { tls }));
    try {
      const r = await api.call('GET', '/health/live', { actor: null, headers: { 'x-request-id': 'req-1' } });
      return {
        status: r.status,
        hsts: r.headers['strict-transport-security'],
        csp: r.headers['content-security-policy'],
        id: r.headers['x-request-id'],
      };
    } finally {
      await api.close();
      await temporal.connection.close();
      await db.end();
    }
  };

  test('plain HTTP: no HSTS, no upgrade-insecure-requests; the request id is echoed', async () => {
    const r = await served(false);
    expect(r).toMatchObject({ status: 200, hsts: undefined, id: 'req-1' });
    expect(r.csp).not.toMatch(/upgrade-insecure-requests/);
  });

  test('behind HTTPS (PUBLIC_URL https://…): both sent', async () => {
    const r = await served(true);
    expect(r.hsts).toMatch(/max-age=\d+/);
    expect(r.csp).toMatch(/upgrade-insecure-requests/);
  });
});
