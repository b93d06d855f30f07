import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import type { Pool } from 'pg';
import type { ReplayWorkerOptions } from '@temporalio/worker';
import type { Logger } from '../infra/logger';
import type { Authenticate } from './auth';
import type { Replayer } from '../infra/replayer';

/** What the use cases need: also built by scripts and tests without the web layer. */
export interface CaseServices {
  db: Pool;
  temporal: Client;
  taskQueue: string;
  /** How long acceptance waits for the workflow to compute the due date before answering 202. */
  acceptWaitMs: number;
  /** Set only in demo sandboxes (DEMO_DAY_SECONDS): new cases' days pass faster. */
  demoSpeed?: number;
}

export interface ApiDeps extends CaseServices {
  authenticate: Authenticate;
  /** Serves the Web UI's codec endpoint; the same codec the client uses. */
  codec: PayloadCodec;
  codecCorsOrigins: string[];
  rateLimitPerMinute: number;
  /** The deployed workflow code and data converter, for auditors' replays. */
  replayOptions: () => Promise<ReplayWorkerOptions>;
  /** The API process's long-lived replay worker (warmed at start); without it each replay builds its own. */
  replayer?: Replayer;
  /** AUDIT_MAC_KEY: checks the audit events' MACs (audit/verify). */
  auditKey: Buffer;
  /** Development only: the console's sign-in page mints tokens with this secret (never set when NODE_ENV=production). */
  consoleSignIn?: { secret: string; issuer: string; audience: string };
  /** The access and error log; tests leave it out (errors only, to stdout). */
  log?: Logger;
  /** PUBLIC_URL's origin: console POSTs must name it (or the request's own origin) in `Origin`, e.g. behind a proxy. */
  publicOrigin?: string;
  /** HTTPS in front (PUBLIC_URL https://…): send HSTS and upgrade-insecure-requests. */
  tls?: boolean;
}
