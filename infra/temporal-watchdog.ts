import type * as grpc from '@grpc/grpc-js';
import { createRequire } from 'node:module';

// A Temporal server that stops answering (frozen, overloaded to a standstill, cut off without a
// reset) leaves the API's gRPC calls open with no end: the connection looks healthy and no error
// comes. Two bounds end them. A call made without a deadline gets one (callTimeoutMs), except a
// long poll for a workflow's result, which waits as long as the work takes (the payroll run).
// And a call still pending after probeAfterMs sets off a liveness probe of the server: a server
// that does not answer it within probeTimeoutMs is not working on anything, so every call pending
// since before the probe fails at once (DEADLINE_EXCEEDED: 503 with Retry-After, never retried)
// instead of waiting out its deadline. A slow worker behind a live server is not cut short by it.

// The grpc-js module the SDK itself is built on: an interceptor must come from the same one.
const grpcJs = createRequire(require.resolve('@temporalio/client'))('@grpc/grpc-js') as typeof grpc;

const SERVICE = '/temporal.api.workflowservice.v1.WorkflowService/';
const LONG_POLLS = new Set([`${SERVICE}GetWorkflowExecutionHistory`]);
// The probe (and the health checks', which carry their own deadlines) is not watched itself.
const PROBE = `${SERVICE}GetSystemInfo`;

export interface WatchdogOptions {
  callTimeoutMs: number;
  probeAfterMs?: number;
  probeTimeoutMs?: number;
}

export interface TemporalWatchdog {
  interceptor: grpc.Interceptor;
  /** The probe: one cheap call that any live server answers at once, with probeTimeoutMs as its deadline. */
  probeWith(probe: (deadline: number) => Promise<unknown>): void;
}

export function temporalWatchdog(o: WatchdogOptions): TemporalWatchdog {
  const probeAfterMs = o.probeAfterMs ?? 1_000;
  const probeTimeoutMs = o.probeTimeoutMs ?? 1_500;
  // Each watched call and when it started.
  const pending = new Map<grpc.InterceptingCall, number>();
  let probe: ((deadline: number) => Promise<unknown>) | undefined;
  let probing = false;
  let lastProbe = 0;
  let ticker: NodeJS.Timeout | undefined;

  // At most one probe a probeAfterMs, and only while some call has waited that long (a long poll: again and again).
  const tick = () => {
    const now = Date.now();
    if (!probe || probing || now - lastProbe < probeAfterMs) return;
    const suspects = [...pending].filter(([, since]) => now - since >= probeAfterMs).map(([call]) => call);
    if (!suspects.length) return;
    probing = true;
    lastProbe = now;
    void probe(now + probeTimeoutMs)
      .then(
        () => undefined,
        () => {
          const details = `Temporal did not answer a liveness probe within ${probeTimeoutMs} ms`;
          for (const call of suspects) if (pending.has(call)) call.cancelWithStatus(grpcJs.status.DEADLINE_EXCEEDED, details);
        },
      )
      .finally(() => (probing = false));
  };
  const watch = (call: grpc.InterceptingCall) => {
    pending.set(call, Date.now());
    ticker ??= setInterval(tick, Math.min(200, probeAfterMs)).unref();
  };
  const unwatch = (call: grpc.InterceptingCall) => {
    pending.delete(call);
    if (pending.size === 0 && ticker) ticker = void clearInterval(ticker);
  };

  const interceptor: grpc.Interceptor = (options, nextCall) => {
    const path = options.method_definition.path;
    if (path === PROBE) return new grpcJs.InterceptingCall(nextCall(options));
    const deadline = options.deadline ?? (LONG_POLLS.has(path) ? undefined : Date.now() + o.callTimeoutMs);
    const call: grpc.InterceptingCall = new grpcJs.InterceptingCall(nextCall({ ...options, deadline }), {
      start(metadata, _listener, next) {
        watch(call);
        next(metadata, {
          onReceiveStatus(status, nextStatus) {
            unwatch(call);
            nextStatus(status);
          },
        });
      },
    });
    return call;
  };

  return { interceptor, probeWith: (p) => void (probe = p) };
}
