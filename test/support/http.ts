import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../api/app';
import type { ApiDeps } from '../../api/deps';
import type { Actor } from '../../domain/case';
import { clerk } from './fixtures';
import { tokenFor } from './trust';

export interface TestApi {
  url: string;
  call(
    method: string,
    path: string,
    opts?: { actor?: Actor | null; body?: unknown; raw?: string; headers?: Record<string, string> },
  ): Promise<{ status: number; body: any; text: string; headers: Record<string, string> }>;
  close(): Promise<void>;
}

/** The real Express app on an ephemeral port, called over HTTP. */
export async function startApi(deps: ApiDeps): Promise<TestApi> {
  const server: Server = await new Promise((resolve) => {
    const s = createApp(deps).listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...(opts.headers ?? {}) };
      if (opts.actor !== null && !headers.authorization) headers.authorization = `Bearer ${await tokenFor(opts.actor ?? clerk)}`;
      const body = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
      const res = await fetch(url + path, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // HTML pages stay text
      }
      return { status: res.status, body: parsed, text, headers: Object.fromEntries(res.headers) };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
