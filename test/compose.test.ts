// Checks the production container setup without a Docker engine: docker-compose
// validates and normalises docker-compose.yml (interpolation, anchors, defaults)
// offline, so the wiring the stack depends on can be asserted here. CI installs
// docker-compose, so a missing one is a failure, never a skip.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
const DOCKERFILE = join(ROOT, 'Dockerfile');

const SERVICES = ['postgres', 'temporal-db', 'temporal-schema', 'temporal', 'temporal-setup', 'temporal-ui', 'migrate', 'worker', 'api'];
const ONE_SHOT = ['temporal-schema', 'temporal-setup', 'migrate'];
const SEARCH_ATTRIBUTES: ReadonlyArray<[name: string, type: string]> = [
  ['CaseStage', 'Keyword'],
  ['CaseProgram', 'Keyword'],
  ['CaseTownship', 'Keyword'],
  ['CaseSlaStatus', 'Keyword'],
  ['CaseDueDate', 'Datetime'],
];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Service = { [key: string]: Json };

// Assert on the file's own defaults, not on whatever the developer's or CI's
// shell happens to export (a TEMPORAL_CODEC_ENDPOINT there would change the UI).
function composeEnv(): NodeJS.ProcessEnv {
  const referenced = new Set([...readFileSync(COMPOSE_FILE, 'utf8').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!referenced.has(key) && !key.startsWith('COMPOSE_')) env[key] = value;
  }
  // Secrets the file requires (${VAR:?…}) get placeholders, as a deployment would supply them.
  env.PAYLOAD_KEYS = 'k1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
  env.PAYLOAD_KEY_ID = 'k1';
  env.AUDIT_MAC_KEY = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
  return env;
}

function run(file: string, args: string[], input?: string): string {
  try {
    return execFileSync(file, args, {
      cwd: ROOT,
      env: composeEnv(),
      input,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 45_000,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { status?: number; stderr?: string };
    if (e.code === 'ENOENT') {
      throw new Error(`${file} is not on PATH; install it (Debian: apt-get install -y docker-compose)`);
    }
    throw new Error(`${file} ${args.join(' ')} exited ${e.status ?? e.code}: ${e.stderr ?? e.message}`);
  }
}

function onPath(command: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  throw new Error(`${command} is not on PATH; install it (Debian: apt-get install -y docker-compose)`);
}

// docker-compose 1.29 prints only YAML (`config` has no --format), and the
// project takes no YAML parser. Compose v1 is a Python program that depends on
// PyYAML, so the interpreter named in its own shebang can always parse it.
// A Compose v2 binary installed as docker-compose answers --format json itself.
function normalisedConfig(): { [key: string]: Json } {
  const args = ['-f', COMPOSE_FILE, 'config'];
  try {
    return JSON.parse(run('docker-compose', [...args, '--format', 'json'])) as { [key: string]: Json };
  } catch {
    // v1: fall through to the YAML route.
  }
  const yaml = run('docker-compose', args);
  const shebang = readFileSync(onPath('docker-compose'), 'utf8').split('\n', 1)[0];
  if (!shebang.startsWith('#!')) throw new Error('docker-compose gave no JSON and is not a script with a shebang');
  const [interpreter, ...interpreterArgs] = shebang.slice(2).trim().split(/\s+/);
  const json = run(
    interpreter,
    [...interpreterArgs, '-c', 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'],
    yaml,
  );
  return JSON.parse(json) as { [key: string]: Json };
}

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// Compose accepts `environment` as a map or as a list of KEY=VALUE.
function envOf(service: Service): Record<string, string> {
  const env = service.environment;
  const out: Record<string, string> = {};
  if (Array.isArray(env)) {
    for (const item of env) {
      const text = String(item);
      const eq = text.indexOf('=');
      if (eq > 0) out[text.slice(0, eq)] = text.slice(eq + 1);
    }
  } else if (isObject(env)) {
    for (const [k, v] of Object.entries(env)) out[k] = v === null ? '' : String(v);
  }
  return out;
}

function commandText(service: Service): string {
  const parts = [service.entrypoint, service.command].flatMap((v) =>
    v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)],
  );
  return parts.join(' ');
}

let services: Record<string, Service>;

beforeAll(() => {
  // Throws (and so fails every test) on a non-zero exit.
  run('docker-compose', ['-f', COMPOSE_FILE, 'config', '--quiet']);
  const config = normalisedConfig();
  if (!isObject(config.services)) throw new Error('docker-compose config printed no services');
  services = config.services as Record<string, Service>;
}, 60_000);

describe('docker-compose.yml', () => {
  test('declares every service of the stack', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(SERVICES));
  });

  test.each(['worker', 'api'])('%s builds from the project Dockerfile', (name) => {
    const build = services[name].build;
    const context = isObject(build) ? build.context : build;
    expect(typeof context).toBe('string');
    expect(resolve(ROOT, String(context))).toBe(ROOT);
    const dockerfile = isObject(build) && typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile';
    expect(resolve(ROOT, dockerfile)).toBe(DOCKERFILE);
    expect(existsSync(DOCKERFILE)).toBe(true);
  });

  test('worker runs the worker entry point; api keeps the image default', () => {
    expect(services.worker.command).toEqual(['node', 'dist/worker/main.js']);
    expect(services.api.command ?? null).toBeNull();
  });

  test.each(['worker', 'api'])('%s reaches the app database on the postgres service', (name) => {
    const url = new URL(envOf(services[name]).DATABASE_URL);
    expect(url.protocol).toBe('postgres:');
    expect(url.hostname).toBe('postgres');
    expect(url.port).toBe('5432');
    expect(url.pathname).toBe('/aidflow');
    expect(envOf(services[name])).toMatchObject({
      TEMPORAL_ADDRESS: 'temporal:7233',
      TEMPORAL_NAMESPACE: 'default',
      TASK_QUEUE: 'aidflow-cases',
      WORKFLOW_BUNDLE: 'dist/workflow-bundle.js',
    });
  });

  test.each(['worker', 'api'])('%s waits for the database, its migrations and the namespace setup', (name) => {
    expect(services[name].depends_on).toMatchObject({
      postgres: { condition: 'service_healthy' },
      migrate: { condition: 'service_completed_successfully' },
      'temporal-setup': { condition: 'service_completed_successfully' },
    });
  });

  test.each(['worker', 'api'])('%s logs in as the restricted role aidflow_app and holds no owner password', (name) => {
    const env = envOf(services[name]);
    const url = new URL(env.DATABASE_URL);
    const owner = new URL(envOf(services.migrate).DATABASE_URL);
    expect(decodeURIComponent(url.username)).toBe('aidflow_app');
    expect(decodeURIComponent(url.password)).toBe(envOf(services.migrate).DB_ROLE_PASSWORD);
    expect(env.MIGRATION_DATABASE_URL).toBeUndefined();
    expect(Object.values(env)).not.toContain(envOf(services.postgres).POSTGRES_PASSWORD);
    expect(Object.values(env).some((v) => v.includes(`${owner.username}:${owner.password}@`))).toBe(false);
  });

  test('the one-shot migrate job runs the migrations as the owner and sets the password of aidflow_app', () => {
    const job = services.migrate;
    const env = envOf(job);
    const owner = new URL(env.DATABASE_URL);
    expect(job.command).toEqual(['node', 'dist/scripts/migrate.js']);
    expect(decodeURIComponent(owner.username)).toBe(envOf(services.postgres).POSTGRES_USER);
    expect(decodeURIComponent(owner.password)).toBe(envOf(services.postgres).POSTGRES_PASSWORD);
    expect({ host: owner.hostname, db: owner.pathname }).toEqual({ host: 'postgres', db: '/aidflow' });
    expect(env.DB_ROLE).toBe('aidflow_app');
    expect(env.DB_ROLE_PASSWORD).toEqual(expect.any(String));
    expect(job.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' } });
    expect(job.image).toBe(services.api.image);
  });

  test('the Temporal UI is configured with the codec endpoint', () => {
    const env = envOf(services['temporal-ui']);
    expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(env.TEMPORAL_CODEC_ENDPOINT).toBe('http://localhost:3000/codec');
  });

  test('Temporal runs on PostgreSQL from the temporal-db service', () => {
    const env = envOf(services.temporal);
    expect(env.DB).toBe('postgres12');
    expect(env.POSTGRES_SEEDS).toBe('temporal-db');
  });

  test.each(SEARCH_ATTRIBUTES)('temporal-setup registers %s as %s', (name, type) => {
    const setup = services['temporal-setup'];
    const text = `${commandText(setup)} ${Object.values(envOf(setup)).join(' ')}`;
    expect(text).toContain('temporal operator search-attribute create');
    const declared =
      new RegExp(`\\b${name}\\s*[:=]\\s*${type}\\b`).test(text) || new RegExp(`--name[ =]"?${name}"?\\s+--type[ =]"?${type}\\b`).test(text);
    expect(declared).toBe(true);
  });

  test('Temporal is temporalio/server (no auto-setup), with admin-tools and the UI at the versions development uses', () => {
    expect(services.temporal.image).toBe('temporalio/server:1.32.0');
    expect(services['temporal-schema'].image).toBe('temporalio/admin-tools:1.32.0');
    expect(services['temporal-setup'].image).toBe('temporalio/admin-tools:1.32.0');
    expect(services['temporal-ui'].image).toBe('temporalio/ui:2.54.1');
    expect(commandText(services['temporal-schema'])).toMatch(/temporal-sql-tool --db temporal update-schema/);
    expect(commandText(services['temporal-setup'])).toMatch(/temporal operator namespace create/);
    expect(services.temporal.depends_on).toMatchObject({ 'temporal-schema': { condition: 'service_completed_successfully' } });
  });

  test('every long-running service has a healthcheck; the one-shot jobs do not restart', () => {
    for (const name of SERVICES) {
      if (ONE_SHOT.includes(name)) {
        expect({ name, restart: services[name].restart }).toEqual({ name, restart: 'no' });
        continue;
      }
      const check = services[name].healthcheck;
      expect({ name, check: isObject(check) && !check.disable && Array.isArray(check.test) }).toEqual({ name, check: true });
    }
  });

  test("the Web UI sends credentials to the codec, whose CORS allows the UI's published address", () => {
    expect(envOf(services['temporal-ui']).TEMPORAL_CODEC_INCLUDE_CREDENTIALS).toBe('true');
    const published = (services['temporal-ui'].ports as Json[]).map((p) =>
      isObject(p) ? p.published : String(p).split(':').slice(-2, -1)[0],
    );
    expect(published.map(String)).toContain('8080');
    expect(envOf(services.api).CODEC_CORS_ORIGINS.split(',')).toEqual(
      expect.arrayContaining(['http://localhost:8080', 'http://127.0.0.1:8080']),
    );
  });

  test('third-party images are pinned to an exact version', () => {
    for (const [name, service] of Object.entries(services)) {
      if (service.build !== undefined) continue;
      const image = String(service.image);
      const tag = image.includes('@') ? 'digest' : image.split('/').pop()?.split(':')[1];
      expect({ name, tag }).toEqual({ name, tag: expect.stringMatching(/^(digest|\d+\.\d+(\.\d+)?(-[\w.-]+)?)$/) });
    }
  });
});

describe('Dockerfile', () => {
  const lines = () =>
    readFileSync(DOCKERFILE, 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'));

  test('the runtime stage does not run as root', () => {
    const all = lines();
    const lastFrom = all.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true);
    expect(lastFrom).toBeGreaterThanOrEqual(0);
    const users = all
      .slice(lastFrom + 1)
      .map((l) => /^USER\s+(\S+)/i.exec(l)?.[1])
      .filter((u): u is string => u !== undefined);
    expect(users.length).toBeGreaterThan(0);
    const effective = users[users.length - 1].split(':')[0];
    expect(['root', '0']).not.toContain(effective);
  });

  test('the runtime stage defaults to the API and has a health check', () => {
    const all = lines();
    const runtime = all.slice(all.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true));
    expect(runtime).toContain('CMD ["node", "dist/api/main.js"]');
    expect(runtime.some((l) => /^HEALTHCHECK\s/i.test(l))).toBe(true);
  });

  test('both stages run Node 22 or 24 LTS by exact tag', () => {
    const froms = lines().filter((l) => /^FROM\s/i.test(l));
    expect(froms.length).toBeGreaterThan(0);
    for (const f of froms) expect(f).toMatch(/^FROM node:(22|24)\.\d+\.\d+-[a-z]+-slim\b/);
  });
});
