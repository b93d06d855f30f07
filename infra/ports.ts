import net from 'node:net';

// Ports checked before anything starts: a taken port is named with the setting that moves it,
// instead of ending in a child that restarts forever.

/** True when nothing listens on host:port and we may bind it. */
export function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

/** A port the OS picks as free now (for the SDK's loopback metrics exporter). */
export function anyFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** One message naming every busy port and its setting; '' when all are free. */
export async function busyPorts(wanted: { port: number; setting: string; what: string; host?: string }[]): Promise<string> {
  const busy: string[] = [];
  for (const w of wanted) {
    if (w.port === 0) continue;
    if (!(await portFree(w.port, w.host))) busy.push(`port ${w.port} (${w.what}) is already in use: set ${w.setting} to a free port`);
  }
  return busy.join('\n');
}
