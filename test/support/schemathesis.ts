import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// Runs Schemathesis (PyPI, pinned in scripts/install-schemathesis.sh) against a served OpenAPI
// document and reads its reports: requests sent (HAR), statuses, and failures per check (JSON).

const root = path.resolve(__dirname, '../..');
export const ST = path.join(root, '.tools/bin/st');

/** What must hold of every answer: no 5xx, and each status, header, content type and body as documented. */
export const CONTRACT_CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  'response_schema_conformance',
  'negative_data_rejection',
];

export interface FuzzRun {
  label: string;
  exitCode: number;
  requests: number;
  statuses: Record<string, number>;
  serverErrors: number;
  testCases: number;
  /** Failure groups by check, e.g. "Response violates schema": count. */
  failures: { title: string; count: number; operations: string[] }[];
  output: string;
}

export interface FuzzOptions {
  label: string;
  baseUrl: string;
  token: string;
  maxExamples: number;
  reportDir: string;
  seed?: number;
  /** Fixed path parameters (e.g. a real case id), so case-scoped operations reach past 404. */
  pathParameters?: Record<string, string>;
  phases?: string;
  include?: string;
  timeoutMs?: number;
}

export async function runSchemathesis(o: FuzzOptions): Promise<FuzzRun> {
  if (!existsSync(ST)) throw new Error(`no Schemathesis at ${ST}: run scripts/install-schemathesis.sh`);
  mkdirSync(o.reportDir, { recursive: true });
  const config = path.join(o.reportDir, 'schemathesis.toml');
  const params = Object.entries(o.pathParameters ?? {}).map(([k, v]) => `"path.${k}" = ${JSON.stringify(v)}`);
  // Invalid data may also be refused as too large (413: an array over its maxItems can pass 256 kB).
  const rejected = ['400', '401', '403', '404', '405', '406', '409', '413', '415', '422', '428', '429'];
  writeFileSync(
    config,
    [
      '[checks.negative_data_rejection]',
      `expected-statuses = ${JSON.stringify(rejected)}`,
      ...(params.length ? ['[parameters]', ...params] : []),
    ].join('\n') + '\n',
  );
  const json = path.join(o.reportDir, 'report.json');
  const har = path.join(o.reportDir, 'requests.har');
  const args = [
    '--config-file',
    config,
    'run',
    `${o.baseUrl}/openapi.json`,
    '--header',
    `Authorization: Bearer ${o.token}`,
    '--checks',
    CONTRACT_CHECKS.join(','),
    '--max-examples',
    String(o.maxExamples),
    '--seed',
    String(o.seed ?? 20260101),
    '--phases',
    o.phases ?? 'examples,coverage,fuzzing',
    '--workers',
    '1',
    '--request-timeout',
    '30',
    '--no-color',
    '--continue-on-failure',
    '--suppress-health-check',
    'all',
    '--output-truncate',
    'true',
    '--report',
    'json,har',
    '--report-json-path',
    json,
    '--report-har-path',
    har,
    ...(o.include ? ['--include-path-regex', o.include] : []),
  ];
  const { code, output } = await new Promise<{ code: number; output: string }>((resolve, reject) => {
    const child = spawn(ST, args, { cwd: o.reportDir, env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = o.timeoutMs ? setTimeout(() => child.kill('SIGTERM'), o.timeoutMs) : undefined;
    child.on('error', reject);
    child.on('close', (c) => {
      if (timer) clearTimeout(timer);
      resolve({ code: c ?? -1, output: out });
    });
  });
  const statuses: Record<string, number> = {};
  let requests = 0;
  if (existsSync(har)) {
    for (const e of JSON.parse(readFileSync(har, 'utf8')).log?.entries ?? []) {
      requests++;
      const s = String(e.response?.status ?? 'none');
      statuses[s] = (statuses[s] ?? 0) + 1;
    }
  }
  const report = existsSync(json) ? JSON.parse(readFileSync(json, 'utf8')) : {};
  return {
    label: o.label,
    exitCode: code,
    requests,
    statuses,
    serverErrors: Object.entries(statuses)
      .filter(([s]) => Number(s) >= 500)
      .reduce((n, [, c]) => n + c, 0),
    testCases: report.test_cases?.generated ?? 0,
    failures: (report.failures ?? []).map((f: { title: string; count: number; operations: string[] }) => ({
      title: f.title,
      count: f.count,
      operations: f.operations,
    })),
    output,
  };
}

/** Failures of one kind (title contains e.g. "schema"), summed. */
export const failuresOf = (r: FuzzRun, re: RegExp) => r.failures.filter((f) => re.test(f.title)).reduce((n, f) => n + f.count, 0);
