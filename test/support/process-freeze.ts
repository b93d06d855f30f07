import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// Freezing a server the way an overloaded or hung host does: SIGSTOP. Its sockets stay open and
// the kernel still accepts connections, but nothing answers until SIGCONT.

/** Stops `pids` in order; the returned function continues them (each at most once). */
function stopAll(pids: () => number[]): () => void {
  const stopped: number[] = [];
  for (const pid of pids()) {
    process.kill(pid, 'SIGSTOP');
    stopped.push(pid);
  }
  return () => {
    for (const pid of stopped.splice(0).reverse()) {
      try {
        process.kill(pid, 'SIGCONT');
      } catch {
        // gone meanwhile
      }
    }
  };
}

/** Freezes one process (the Temporal dev server). */
export const freezeProcess = (pid: number) => stopAll(() => [pid]);

/**
 * Freezes a PostgreSQL cluster: the postmaster first (it forks no new backend while stopped), then
 * every process it started (backends, checkpointer, WAL writer…).
 */
export function freezePostgres(dataDir: string): () => void {
  const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const thawPostmaster = stopAll(() => [postmaster]);
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
    .split('\n')
    .map((l) => Number(l.trim()))
    .filter((pid) => pid > 0);
  const thawChildren = stopAll(() => children);
  return () => {
    thawChildren();
    thawPostmaster();
  };
}
