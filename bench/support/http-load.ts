import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';

// A load generator cheap enough not to be the bottleneck: `connections` keep-alive sockets, each
// sending one GET, reading the whole answer (Content-Length framing), sending the next. No HTTP
// client library in between: on a 2-core machine the client's own cost would otherwise cap the
// faster server and flatter the slower one.

export interface LoadResult {
  requests: number;
  /** Answers other than `expect` (or broken framing): a run with any is not a measurement. */
  errors: number;
  seconds: number;
  rps: number;
  firstError?: string;
}

const HEAD_END = Buffer.from('\r\n\r\n');

function oneConnection(port: number, request: Buffer, expect: number, until: () => boolean, count: (ok: boolean, why?: string) => void) {
  return new Promise<void>((resolve, reject) => {
    const s: Socket = connect(port, '127.0.0.1');
    s.setNoDelay(true);
    let buf = Buffer.alloc(0);
    const send = () => (until() ? s.end() : s.write(request));
    s.on('connect', send);
    s.on('data', (chunk) => {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      for (;;) {
        const end = buf.indexOf(HEAD_END);
        if (end < 0) return;
        const head = buf.subarray(0, end).toString('latin1');
        const len = /\r\ncontent-length:\s*(\d+)/i.exec(head);
        if (!len) {
          count(false, `no Content-Length in: ${head.slice(0, 200)}`);
          s.destroy();
          return;
        }
        const total = end + 4 + Number(len[1]);
        if (buf.length < total) return;
        const status = Number(head.slice(9, 12));
        count(
          status === expect,
          status === expect
            ? undefined
            : `HTTP ${status}: ${buf
                .subarray(end + 4, total)
                .toString('utf8')
                .slice(0, 300)}`,
        );
        buf = buf.subarray(total);
        send();
      }
    });
    s.on('close', () => resolve());
    s.on('error', reject);
  });
}

/** Drives GET `path` on 127.0.0.1:`port` for `ms` milliseconds over `connections` keep-alive sockets. */
export async function drive(
  port: number,
  path: string,
  headers: Record<string, string>,
  connections: number,
  ms: number,
): Promise<LoadResult> {
  const lines = [
    `GET ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Connection: keep-alive',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  const request = Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');
  let requests = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = process.hrtime.bigint();
  const stopAt = Date.now() + ms;
  const until = () => Date.now() >= stopAt;
  const count = (ok: boolean, why?: string) => {
    if (ok) requests += 1;
    else {
      errors += 1;
      firstError ??= why;
    }
  };
  await Promise.all(Array.from({ length: connections }, () => oneConnection(port, request, 200, until, count)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { requests, errors, seconds, rps: requests / seconds, ...(firstError ? { firstError } : {}) };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux); undefined elsewhere. */
export function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/** USER_HZ: 100 on every Linux this runs on (sysconf is not reachable from node). */
const CLOCK_TICKS = 100;
