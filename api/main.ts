import { Client } from '@temporalio/client';
import { makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import { appDatabase } from '../db/app-database';
import { AesGcmCodec, parseKeys } from '../infra/codec';
import { appDatabaseConfig, loadConfig, requireAuditKey, requirePayloadKeys } from '../infra/config';
import { whenReachable } from '../infra/startup-retry';
import { encryptedDataConverter } from '../infra/data-converter';
import { replayOptions } from '../infra/replay-options';
import { Replayer } from '../infra/replayer';
import { createApp } from './app';
import { createAuthenticator } from './auth';
import { logProcessWarnings, processLogger } from '../infra/logger';
import { temporalLogger } from '../infra/temporal-logger';
import { requestIdClientInterceptor } from '../infra/request-id';
import { apiTemporalConnection } from '../infra/temporal-client-retry';

const log = processLogger('api');
logProcessWarnings(log);

async function main(): Promise<void> {
  const config = loadConfig();
  const keys = requirePayloadKeys(config);
  const auditKey = requireAuditKey(config);
  // The replay worker below is an SDK worker: its lines and the core's go through our logger (one JSON
  // line each in production), and our own signal handling stops the API.
  Runtime.install({
    logger: temporalLogger(log),
    shutdownSignals: [],
    telemetryOptions: { logging: { forward: {}, filter: makeTelemetryFilterString({ core: 'WARN', other: 'ERROR' }) } },
  });
  const authenticate = await createAuthenticator({
    secret: config.AUTH_JWT_SECRET,
    publicKeyPem: config.AUTH_JWT_PUBLIC_KEY,
    jwksUrl: config.AUTH_JWKS_URL,
    issuer: config.AUTH_ISSUER,
    audience: config.AUTH_AUDIENCE,
  });
  // Migrates first when it holds the owner's login; with only the application role's (compose), checks.
  const db = await appDatabase(appDatabaseConfig(config, 'api', log), 10, (fn) =>
    whenReachable('api', `PostgreSQL at ${new URL(config.databaseUrl).host}`, fn, 'postgres'),
  );
  // Requests answer 503 (TEMPORAL_UNAVAILABLE) within seconds while Temporal is down or does not answer.
  const connection = apiTemporalConnection(config.TEMPORAL_ADDRESS, config.TEMPORAL_CALL_TIMEOUT_MS);
  const temporal = new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: encryptedDataConverter(keys),
    interceptors: { workflow: [requestIdClientInterceptor] },
  });
  // Auditors' replays: the bundle loaded (or built) and the replay worker started now, in the
  // background, so the first replay does not pay for them; one replay worker serves every call.
  const replay = replayOptions(encryptedDataConverter(keys), config.WORKFLOW_BUNDLE);
  const replayer = new Replayer(replay);
  replayer.warm().catch((err) => log.warn({ err }, 'replay warm-up failed: the first replay will try again'));
  const app = createApp({
    db,
    temporal,
    taskQueue: config.TASK_QUEUE,
    // An acceptance waits for its workflow as long as any other call to Temporal: a request answers within seconds.
    acceptWaitMs: config.TEMPORAL_CALL_TIMEOUT_MS,
    demoSpeed: config.demoSpeed,
    authenticate,
    codec: new AesGcmCodec(parseKeys(keys.spec, keys.activeId)),
    codecCorsOrigins: config.CODEC_CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    replayOptions: replay,
    replayer,
    auditKey,
    // The console's development sign-in: only with a shared secret, never in production (the identity provider signs there).
    ...(config.AUTH_JWT_SECRET && config.NODE_ENV !== 'production'
      ? { consoleSignIn: { secret: config.AUTH_JWT_SECRET, issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE } }
      : {}),

    log,
    tls: config.PUBLIC_URL?.startsWith('https://') ?? false,
    ...(config.PUBLIC_URL ? { publicOrigin: new URL(config.PUBLIC_URL).origin } : {}),
  });
  const server = app.listen(config.API_PORT, config.API_HOST, () => {
    log.info(
      `listening on http://${config.API_HOST}:${config.API_PORT} (docs: /docs, console: /console/, metrics: /metrics, readiness: /health/ready)`,
    );
    if (config.DEMO_DAY_SECONDS) log.warn(`DEMO TIME: one case day lasts ${config.DEMO_DAY_SECONDS} s for new cases`);
  });
  const stop = () => {
    server.close(async () => {
      await replayer.close().catch(() => undefined);
      await connection.close();
      await db.end();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  log.fatal({ err }, `fatal: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
