// The API's calls to Temporal end within seconds: a server that stops answering (frozen, here
// behind a proxy that holds every byte) fails every pending call at its first unanswered liveness
// probe, about 2.5 s; a live server whose worker does not answer ends an update at the call
// deadline, not before; a long poll for a workflow's result waits past that deadline while the
// server answers, and fails like the rest when it stops.
import { Client, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { defineUpdate } from '@temporalio/workflow';
import { fromOutage } from '../api/db-errors';
import { apiTemporalConnection } from '../infra/temporal-client-retry';
import { FreezableProxy, freezableProxy } from './support/freezable-proxy';
import { devServerEnv } from './support/temporal';

let env: TestWorkflowEnvironment;
let proxy: FreezableProxy;
beforeAll(async () => {
  env = await devServerEnv();
  const [host, port] = env.address.split(':');
  proxy = await freezableProxy({ host, port: Number(port) });
}, 120_000);
afterAll(async () => {
  proxy?.thaw();
  await proxy?.close();
  await env?.teardown();
});

const ping = defineUpdate<string>('acceptance');
let n = 0;

async function apiClient(callTimeoutMs: number): Promise<Client> {
  const client = new Client({ connection: apiTemporalConnection(`127.0.0.1:${proxy.port}`, callTimeoutMs) });
  await client.workflowService.getSystemInfo({});
  return client;
}

/** A workflow on a task queue no worker polls: the server answers, nothing behind it does. */
async function unattended(client: Client) {
  return client.workflow.start('caseWorkflow', { workflowId: `timeouts-${process.pid}-${++n}`, taskQueue: 'nobody-polls', args: [] });
}

async function timed(p: Promise<unknown>): Promise<{ ms: number; err: unknown }> {
  const t0 = Date.now();
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  return { ms: Date.now() - t0, err };
}

test('a frozen server: a pending call fails within about 2.5 s (503 TEMPORAL_UNAVAILABLE), well before its deadline', async () => {
  const client = await apiClient(20_000);
  const handle = await unattended(client);
  proxy.freeze();
  try {
    const r = await timed(handle.describe());
    expect(fromOutage(r.err)).toMatchObject({ status: 503, code: 'TEMPORAL_UNAVAILABLE' });
    expect(r.ms).toBeGreaterThan(900);
    expect(r.ms).toBeLessThan(3_500);
  } finally {
    proxy.thaw();
    await client.connection.close();
  }
});

test('a frozen server: an update (what a step and an acceptance send) fails within about 2.5 s too', async () => {
  const client = await apiClient(20_000);
  const handle = await unattended(client);
  proxy.freeze();
  try {
    const r = await timed(handle.executeUpdate(ping));
    expect(r.err).toBeInstanceOf(WorkflowUpdateRPCTimeoutOrCancelledError);
    expect(fromOutage(r.err)).toMatchObject({ status: 503 });
    expect(r.ms).toBeLessThan(3_500);
  } finally {
    proxy.thaw();
    await client.connection.close();
  }
});

test('a live server whose worker does not answer: an update ends at the call deadline, not at the probe', async () => {
  const client = await apiClient(3_000);
  try {
    const handle = await unattended(client);
    const r = await timed(handle.executeUpdate(ping));
    expect(r.err).toBeInstanceOf(WorkflowUpdateRPCTimeoutOrCancelledError);
    expect(fromOutage(r.err)).toMatchObject({ status: 503 });
    expect(r.ms).toBeGreaterThan(2_800);
    expect(r.ms).toBeLessThan(5_000);
  } finally {
    await client.connection.close();
  }
});

test("a long poll for a workflow's result outlasts the call deadline while the server answers, and ends when it stops", async () => {
  const client = await apiClient(1_000);
  try {
    const handle = await unattended(client);
    let ended: { ms: number; err: unknown } | undefined;
    const result = timed(handle.result()).then((r) => (ended = r));
    await new Promise((r) => setTimeout(r, 3_000));
    expect(ended).toBeUndefined();
    proxy.freeze();
    const t0 = Date.now();
    const r = await result;
    expect(fromOutage(r.err)).toMatchObject({ status: 503, code: 'TEMPORAL_UNAVAILABLE' });
    expect(Date.now() - t0).toBeLessThan(3_500);
  } finally {
    proxy.thaw();
    await client.connection.close();
  }
});
