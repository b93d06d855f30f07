import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { roles } from '../domain/case';
import { ensureDevSecrets } from '../infra/dev-secrets';
import { mintToken } from '../infra/tokens';
import { projectRoot } from '../infra/tools';
import { createLogger } from '../infra/logger';

// stderr: stdout carries the token alone, for $(npm run --silent token …).
const log = createLogger('token', process.env, process.stderr);

// Usage: npm run token -- --role clerk --jurisdiction 430921101 [--sub clerk-001] [--name 王芳] [--ttl 8h]
// Signs with AUTH_JWT_SECRET, or the local system's secret in .data/dev-secrets.json.
const argsSchema = z.object({
  role: z.enum(roles.filter((r) => r !== 'system') as ['clerk', 'approver', 'coordinator', 'supervisor', 'auditor']),
  jurisdiction: z.string().regex(/^\d{6}(\d{3})?$/, '6-digit county or 9-digit township code'),
  sub: z.string().min(1).optional(),
  name: z.string().optional(),
  ttl: z
    .string()
    .regex(/^\d+[smhd]$/)
    .default('8h'),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      jurisdiction: { type: 'string' },
      sub: { type: 'string' },
      name: { type: 'string' },
      ttl: { type: 'string' },
    },
  });
  const a = argsSchema.safeParse(values);
  if (!a.success) throw new Error(a.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  const secret = process.env.AUTH_JWT_SECRET ?? ensureDevSecrets(path.resolve(projectRoot, process.env.DATA_DIR ?? '.data')).jwtSecret;
  const sub = a.data.sub ?? `${a.data.role}-${a.data.jurisdiction}`;
  process.stdout.write(`${await mintToken(secret, { ...a.data, sub })}\n`);
}

main().catch((err) => {
  log.error((err as Error).message);
  process.exit(1);
});
