import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseAuditKey } from '../db/audit-mac';
import type { AppDatabaseConfig } from '../db/app-database';
import type { PoolBounds, PoolOptions } from '../db/pool';

// One typed config for every process. It fails at start, naming each bad variable, rather than
// later in the middle of a case.

const parsedUrl = (v: string): URL | undefined => (URL.canParse(v) ? new URL(v) : undefined);
const millis = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z
  .object({
    DATABASE_URL: z.string().url().optional(),
    PG_PORT: z.coerce.number().int().min(1).max(65535).default(55432),
    DATA_DIR: z.string().min(1).default('.data'),
    TEMPORAL_ADDRESS: z.string().min(3).default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
    TASK_QUEUE: z.string().min(1).default('aidflow-cases'),
    API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    API_HOST: z.string().min(1).default('127.0.0.1'),
    WORKFLOW_BUNDLE: z.string().optional(),
    DATA_MATCH_PROVIDER: z.enum(['local']).default('local'),
    NODE_ENV: z.string().optional(),
    /** Demo/training sandboxes: a case day lasts this many real seconds. Never in production. */
    DEMO_DAY_SECONDS: z.coerce.number().int().min(1).max(86_400).optional(),
    /** Owner connection for migrations; the application itself works as DB_ROLE. */
    MIGRATION_DATABASE_URL: z.string().url().optional(),
    DB_ROLE: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/)
      .or(z.literal(''))
      .default('aidflow_app'),
    /** The password DB_ROLE logs in with (it logs in itself, never via SET ROLE); unset with trust auth. */
    DB_ROLE_PASSWORD: z.string().min(1).optional(),
    /** Base64 HMAC key (>= 32 bytes) for the audit events' MACs: held by worker and API, never by PostgreSQL. */
    AUDIT_MAC_KEY: z.string().min(43, 'at least 32 bytes, base64-encoded').optional(),
    AUTH_JWT_SECRET: z.string().min(32, 'at least 32 characters').optional(),
    AUTH_JWT_PUBLIC_KEY: z.string().includes('BEGIN PUBLIC KEY').optional(),
    AUTH_JWKS_URL: z.string().url().optional(),
    AUTH_ISSUER: z.string().min(1).default('aidflow'),
    AUTH_AUDIENCE: z.string().min(1).default('aidflow-api'),
    /** `id:base64key,...` (32-byte AES keys); PAYLOAD_KEY_ID picks the one new payloads use. */
    PAYLOAD_KEYS: z.string().min(10).optional(),
    PAYLOAD_KEY_ID: z.string().min(1).optional(),
    /** Origins allowed to call the codec endpoint from a browser (the Temporal Web UI). */
    CODEC_CORS_ORIGINS: z.string().default(''),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(120),
    /** `dev`: `npm start` runs the Temporal dev server at TEMPORAL_ADDRESS; `external`: it uses the server there. */
    TEMPORAL_MODE: z.enum(['dev', 'external']).default('dev'),
    /** The dev server's Prometheus port (`npm start`, TEMPORAL_MODE=dev). */
    TEMPORAL_METRICS_PORT: z.coerce.number().int().min(1).max(65535).default(7235),
    /** The worker's own HTTP port: /health/live, /health/ready, /metrics (business gauges + the SDK's). */
    WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
    WORKER_HOST: z.string().min(1).default('127.0.0.1'),
    /** Where the SDK's Prometheus exporter listens (loopback; the worker's /metrics serves it). 0: any free port. */
    WORKER_SDK_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
    /**
     * The address users open the API at; `https://…` turns on HSTS and upgrade-insecure-requests. Its origin is
     * the one console POSTs must come from behind a proxy: a scheme, host and port only.
     */
    PUBLIC_URL: z
      .string()
      .refine((v) => /^https?:$/.test(parsedUrl(v)?.protocol ?? ''), 'an http:// or https:// address')
      .refine((v) => {
        const u = parsedUrl(v);
        return !u || (u.pathname === '/' && !u.search && !u.hash && !u.username && !u.password);
      }, 'an origin only (scheme, host, port), without path, query or credentials')
      .optional(),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    // Bounds on waiting (docs/OPERATIONS.md, "Timeouts"). The API's are short: a request answers 200
    // or 503 with Retry-After within a few seconds even when PostgreSQL or Temporal stops answering.
    // The worker's are long: its activities ride out a short outage and continue when it ends,
    // where a short bound would turn it into retries that back off well past its end.
    DB_STATEMENT_TIMEOUT_MS: millis(100, 600_000).default(3_000),
    DB_CONNECT_TIMEOUT_MS: millis(100, 600_000).default(3_000),
    WORKER_DB_STATEMENT_TIMEOUT_MS: millis(100, 3_600_000).default(25_000),
    WORKER_DB_CONNECT_TIMEOUT_MS: millis(100, 600_000).default(25_000),
    MIGRATION_STATEMENT_TIMEOUT_MS: millis(1_000, 86_400_000).default(1_800_000),
    TEMPORAL_CALL_TIMEOUT_MS: millis(500, 600_000).default(4_000),
  })
  .refine((c) => !(c.DEMO_DAY_SECONDS && c.NODE_ENV === 'production'), {
    path: ['DEMO_DAY_SECONDS'],
    message: 'demo time is refused when NODE_ENV=production',
  });

export type Config = z.infer<typeof schema> & { databaseUrl: string; migrationUrl: string; demoSpeed?: number };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means unset (compose passes `${X:-}` through as "").
  const present: NodeJS.ProcessEnv = { ...devSecretsEnv(env), ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')) };
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const databaseUrl = c.DATABASE_URL ?? `postgres://aidflow@127.0.0.1:${c.PG_PORT}/aidflow`;
  const demoSpeed = c.DEMO_DAY_SECONDS ? 86_400 / c.DEMO_DAY_SECONDS : undefined;
  return { ...c, databaseUrl, migrationUrl: c.MIGRATION_DATABASE_URL ?? databaseUrl, demoSpeed };
}

/**
 * Outside production, the local system's secrets (.data/dev-secrets.json, made by `npm start`)
 * stand in for unset ones, so `npm run worker`, `api` or `calendar:load` work beside it.
 */
function devSecretsEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const file = path.resolve(__dirname, '..', env.DATA_DIR || '.data', 'dev-secrets.json');
  if (env.NODE_ENV === 'production' || !existsSync(file)) return {};
  const s = JSON.parse(readFileSync(file, 'utf8')) as {
    jwtSecret: string;
    payloadKeys: string;
    payloadKeyId: string;
    auditMacKey?: string;
  };
  return {
    AUTH_JWT_SECRET: s.jwtSecret,
    PAYLOAD_KEYS: s.payloadKeys,
    PAYLOAD_KEY_ID: s.payloadKeyId,
    ...(s.auditMacKey ? { AUDIT_MAC_KEY: s.auditMacKey } : {}),
  };
}

/**
 * The bounds of a process's database pool: `api` (requests), `worker` (activities, payroll and
 * adjustment batches, the command-line scripts) or `migration` (schema changes and seeds, as the owner).
 */
export function poolBounds(c: Config, role: 'api' | 'worker' | 'migration'): PoolBounds {
  if (role === 'api') return { statementTimeoutMs: c.DB_STATEMENT_TIMEOUT_MS, connectTimeoutMs: c.DB_CONNECT_TIMEOUT_MS };
  const connectTimeoutMs = c.WORKER_DB_CONNECT_TIMEOUT_MS;
  if (role === 'worker') return { statementTimeoutMs: c.WORKER_DB_STATEMENT_TIMEOUT_MS, connectTimeoutMs };
  return { statementTimeoutMs: c.MIGRATION_STATEMENT_TIMEOUT_MS, connectTimeoutMs };
}

/** The database part of the config for appDatabase: the pool bounds of `role`, the migrations', and where lost connections are logged. */
export function appDatabaseConfig(c: Config, role: 'api' | 'worker', log: PoolOptions['log']): AppDatabaseConfig {
  return { ...c, pool: { ...poolBounds(c, role), log }, migrationPool: { ...poolBounds(c, 'migration'), log } };
}

/** Payload keys are required wherever Temporal is spoken to: no personal data leaves in clear. */
export function requirePayloadKeys(c: Config): { spec: string; activeId: string } {
  if (!c.PAYLOAD_KEYS || !c.PAYLOAD_KEY_ID) throw new Error('invalid configuration:\n  PAYLOAD_KEYS and PAYLOAD_KEY_ID are required');
  return { spec: c.PAYLOAD_KEYS, activeId: c.PAYLOAD_KEY_ID };
}

/** The audit MAC key is required wherever audit events are written or verified (worker, API). */
export function requireAuditKey(c: Config): Buffer {
  if (!c.AUDIT_MAC_KEY) throw new Error('invalid configuration:\n  AUDIT_MAC_KEY is required (base64, at least 32 bytes)');
  return parseAuditKey(c.AUDIT_MAC_KEY);
}
