import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface DevSecrets {
  jwtSecret: string;
  payloadKeys: string;
  payloadKeyId: string;
  /** The audit events' HMAC key (base64); added to older secrets files on first use. */
  auditMacKey: string;
}

/**
 * Secrets for the local system, made once and kept under the data folder so tokens and
 * encrypted histories stay valid across restarts. Production passes its own through the env.
 */
export function ensureDevSecrets(dataDir: string): DevSecrets {
  const file = path.join(dataDir, 'dev-secrets.json');
  if (existsSync(file)) {
    const found = JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
    if (found.auditMacKey) return found;
    const upgraded = { ...found, auditMacKey: randomBytes(32).toString('base64') };
    writeFileSync(file, JSON.stringify(upgraded, null, 2), { mode: 0o600 });
    return upgraded;
  }
  mkdirSync(dataDir, { recursive: true });
  const secrets: DevSecrets = {
    jwtSecret: randomBytes(32).toString('base64url'),
    payloadKeys: `dev1:${randomBytes(32).toString('base64')}`,
    payloadKeyId: 'dev1',
    auditMacKey: randomBytes(32).toString('base64'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
