import path from 'node:path';
import { prepareDatabase } from '../db/migrate';
import { createPool } from '../db/pool';
import { loadConfig, poolBounds } from '../infra/config';
import { ensureDevSecrets } from '../infra/dev-secrets';
import { startEmbeddedPg } from '../infra/embedded-pg';
import { startDevServer } from '../infra/temporal-dev';
import { keepServiceAlive, superviseProcess, Supervised } from '../infra/supervisor';
import { projectRoot } from '../infra/tools';
import { existsSync } from 'node:fs';
import { logProcessWarnings, processLogger } from '../infra/logger';
import { busyPorts } from '../infra/ports';

const log = processLogger('dev');
logProcessWarnings(log);

// The whole system on one machine: PostgreSQL, Temporal, migrations, worker and API.
// External services are used instead when DATABASE_URL is set / TEMPORAL_MODE=external.

const children = new Map<string, Supervised>();
const services: { stop(): Promise<void> }[] = [];
let stopping = false;
const isStopping = () => stopping;

async function main(): Promise<void> {
  const config = loadConfig();
  const dataDir = path.resolve(projectRoot, config.DATA_DIR);
  const [, port] = config.TEMPORAL_ADDRESS.split(':');
  const devTemporal = config.TEMPORAL_MODE === 'dev';
  // Every port this run will open, checked before anything starts. Our own embedded cluster left
  // running (its postmaster.pid is there) is reused, not a conflict.
  const busy = await busyPorts([
    ...(!process.env.DATABASE_URL && !existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))
      ? [{ port: config.PG_PORT, setting: 'PG_PORT', what: 'embedded PostgreSQL' }]
      : []),
    ...(devTemporal
      ? [
          { port: Number(port), setting: 'TEMPORAL_ADDRESS (e.g. 127.0.0.1:7243)', what: 'Temporal dev server' },
          { port: config.TEMPORAL_UI_PORT, setting: 'TEMPORAL_UI_PORT', what: 'Temporal Web UI' },
          { port: config.TEMPORAL_METRICS_PORT, setting: 'TEMPORAL_METRICS_PORT', what: 'Temporal dev server metrics' },
        ]
      : []),
    { port: config.API_PORT, setting: 'API_PORT', what: 'API', host: config.API_HOST },
    { port: config.WORKER_PORT, setting: 'WORKER_PORT', what: 'worker health and metrics', host: config.WORKER_HOST },
  ]);
  if (busy) {
    log.error(
      `cannot start:\n${busy}\n(another copy of aidflow? give each copy its own DATA_DIR and ports; TEMPORAL_MODE=external uses a Temporal server that is already running)`,
    );
    process.exit(1);
  }
  const pg = process.env.DATABASE_URL
    ? undefined
    : await startEmbeddedPg({ dataDir: path.join(dataDir, 'pg'), port: config.PG_PORT, database: 'aidflow' });
  if (pg) {
    services.push(pg);
    // A crash or `pg_ctl stop` of the embedded cluster: start it again (crash recovery runs by itself).
    keepServiceAlive('PostgreSQL', {
      alive: async () => pg.running(),
      start: async () => pg.start(),
      stopping: isStopping,
      what: `nothing accepts connections at 127.0.0.1:${config.PG_PORT}; data in ${pg.dataDir}`,
    });
  }
  const databaseUrl = pg?.url ?? config.databaseUrl;
  const devServerOptions = {
    dataDir: path.join(dataDir, 'temporal'),
    port: Number(port),
    uiPort: config.TEMPORAL_UI_PORT,
    metricsPort: config.TEMPORAL_METRICS_PORT,
    codecEndpoint: `http://${config.API_HOST}:${config.API_PORT}/codec`,
  };
  let temporal = devTemporal ? await startDevServer(devServerOptions) : undefined;
  if (temporal) {
    let exited = false;
    void temporal.exited.then(() => (exited = true));
    services.unshift({ stop: () => temporal!.stop() });
    // The dev server is file-backed: started again, it has every case it had.
    keepServiceAlive('Temporal dev server', {
      alive: async () => !exited,
      stopping: isStopping,
      what: `nothing listens at ${temporal.address}`,
      start: async () => {
        temporal = await startDevServer(devServerOptions);
        exited = false;
        void temporal.exited.then(() => (exited = true));
      },
    });
  }
  const db = createPool(databaseUrl, 2, undefined, undefined, { ...poolBounds(config, 'migration'), log });
  await prepareDatabase(db);
  await db.end();

  const secrets = ensureDevSecrets(dataDir);
  const env = {
    ...process.env,
    TZ: 'UTC',
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal?.address ?? config.TEMPORAL_ADDRESS,
    AUTH_JWT_SECRET: process.env.AUTH_JWT_SECRET ?? secrets.jwtSecret,
    PAYLOAD_KEYS: process.env.PAYLOAD_KEYS ?? secrets.payloadKeys,
    PAYLOAD_KEY_ID: process.env.PAYLOAD_KEY_ID ?? secrets.payloadKeyId,
    AUDIT_MAC_KEY: process.env.AUDIT_MAC_KEY ?? secrets.auditMacKey,
    CODEC_CORS_ORIGINS:
      process.env.CODEC_CORS_ORIGINS ?? `http://127.0.0.1:${config.TEMPORAL_UI_PORT},http://localhost:${config.TEMPORAL_UI_PORT}`,
  };
  const supervision = { cwd: projectRoot, env, stopping: isStopping, deps: { databaseUrl, temporalAddress: env.TEMPORAL_ADDRESS } };
  children.set('worker', superviseProcess('worker', 'worker/main.ts', supervision));
  children.set('api', superviseProcess('api', 'api/main.ts', supervision));

  const api = `http://${config.API_HOST}:${config.API_PORT}`;
  const worker = `http://${config.WORKER_HOST}:${config.WORKER_PORT}`;
  log.info(`
aidflow is starting:
  API            ${api}/api/cases
  API docs       ${api}/docs   (OpenAPI: ${api}/openapi.json)
  Console        ${api}/console/   (督办审计台: sign in with a role and area in development)
  Temporal UI    ${temporal?.uiUrl ?? '(external Temporal at ' + config.TEMPORAL_ADDRESS + ')'}
  Temporal       ${env.TEMPORAL_ADDRESS}${devTemporal ? ` (dev server; metrics http://127.0.0.1:${config.TEMPORAL_METRICS_PORT}/metrics)` : ' (external, TEMPORAL_MODE=external)'}
  Metrics        ${api}/metrics   worker: ${worker}/metrics
  Readiness      ${api}/health/ready   worker: ${worker}/health/ready
  PostgreSQL     ${databaseUrl}
Get a token (valid 8 h), e.g. for a township clerk:
  npm run --silent token -- --role clerk --jurisdiction 430921101 --sub clerk-001
and send it as "Authorization: Bearer <token>". Roles: clerk, approver, coordinator, supervisor, auditor.
Press Ctrl-C to stop.`);

  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    log.info('stopping api, worker, Temporal and PostgreSQL…');
    await Promise.all(
      [...children.values()]
        .map((s) => s.current())
        .map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : (c.once('exit', r), c.kill('SIGTERM'))))),
    );
    for (const s of services) await s.stop();
    log.info('stopped');
    process.exit(0);
  };
  // Ctrl-C reaches every process in the group, some twice: later signals must not cut the shutdown short.
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch(async (err) => {
  log.error({ err }, `failed to start: ${(err as Error)?.message ?? err}`);
  for (const s of services) await s.stop().catch(() => undefined);
  process.exit(1);
});
