import http from 'node:http';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { Pool } from 'pg';
import { Registry } from 'prom-client';
import { registerBusinessMetrics } from '../infra/business-metrics';
import type { Logger } from '../infra/logger';
import { OUTAGE_RETRY_AFTER_SECONDS } from '../db/outage';

// The worker's own small HTTP server, for the orchestrator and the metrics scraper:
//   /health/live   200 while the process runs
//   /health/ready  200 when the worker polls and PostgreSQL and Temporal answer, else 503 with Retry-After
//   /metrics       the business gauges, then the SDK's Prometheus metrics (its exporter on loopback)

const PROBE_MS = 2_000;
const within = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);

export interface WorkerHttp {
  url: string;
  close(): Promise<void>;
}

export async function startWorkerHttp(o: {
  host: string;
  port: number;
  db: Pool;
  connection: NativeConnection;
  worker: () => Worker | undefined;
  sdkMetricsUrl?: string;
  log: Logger;
}): Promise<WorkerHttp> {
  const registry = new Registry();
  registerBusinessMetrics(registry, o.db);
  const ready = async () => {
    const [database, temporal] = await Promise.all([
      within(o.db.query('SELECT 1'), PROBE_MS).then(
        () => 'ok',
        () => 'unreachable',
      ),
      o.connection
        .withDeadline(Date.now() + PROBE_MS, () => o.connection.workflowService.getSystemInfo({}))
        .then(
          () => 'ok',
          () => 'unreachable',
        ),
    ]);
    const worker = o.worker()?.getState() ?? 'STARTING';
    return { status: database === 'ok' && temporal === 'ok' && worker === 'RUNNING' ? 'ok' : 'degraded', database, temporal, worker };
  };
  const server = http.createServer((req, res) => {
    const send = (status: number, type: string, body: string) =>
      res
        .writeHead(status, { 'content-type': type, ...(status === 503 ? { 'retry-after': String(OUTAGE_RETRY_AFTER_SECONDS) } : {}) })
        .end(body);
    void (async () => {
      if (req.method !== 'GET') return send(405, 'text/plain', 'GET only\n');
      if (req.url === '/health/live') return send(200, 'application/json', JSON.stringify({ status: 'ok' }));
      if (req.url === '/health/ready' || req.url === '/health') {
        const r = await ready();
        return send(r.status === 'ok' ? 200 : 503, 'application/json', JSON.stringify(r));
      }
      if (req.url === '/metrics') {
        const sdk = o.sdkMetricsUrl
          ? await fetch(o.sdkMetricsUrl).then(
              (r) => r.text(),
              () => '',
            )
          : '';
        return send(200, registry.contentType, (await registry.metrics()) + '\n' + sdk);
      }
      send(404, 'text/plain', 'not found: /health/live, /health/ready, /metrics\n');
    })().catch((err) => {
      o.log.error({ err, path: req.url }, 'worker http request failed');
      if (!res.headersSent) send(500, 'text/plain', 'error\n');
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(o.port, o.host, () => resolve()));
  const { port } = server.address() as { port: number };
  return { url: `http://${o.host}:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}
