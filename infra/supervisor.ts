import { ChildProcess, spawn } from 'node:child_process';
import { Backoff } from './backoff';
import { processLogger } from './logger';
import { missingDependencies } from './probe';

const log = processLogger('dev');

// `npm start`'s keepers: worker and API as restarted child processes, PostgreSQL and Temporal as
// services brought back when they die. Every restart waits (1 s doubling to 30 s) and says what is
// missing, so an outage shows as a clear line every so often instead of a restart storm.

export interface Dependencies {
  databaseUrl?: string;
  temporalAddress?: string;
}

export interface Supervised {
  current(): ChildProcess;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());

export function superviseProcess(
  name: string,
  script: string,
  o: { cwd: string; env: NodeJS.ProcessEnv; deps: Dependencies; stopping: () => boolean },
): Supervised {
  const backoff = new Backoff();
  let child: ChildProcess;
  const start = () => {
    // node itself, not the tsx launcher: the printed pid is the process that does the work.
    child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: o.cwd, env: o.env, stdio: 'inherit' });
    backoff.started();
    log.info(`${name} started (pid ${child.pid})`);
    child.once('exit', async (code, signal) => {
      if (o.stopping()) return;
      const wait = backoff.failed();
      const missing = await missingDependencies(o.deps);
      log.warn(`${name} exited (${signal ?? code})${missing ? `: ${missing}` : ''}; restarting in ${wait / 1000} s`);
      await sleep(wait);
      if (!o.stopping()) start();
    });
  };
  start();
  return { current: () => child };
}

/**
 * Watches a service (embedded PostgreSQL, the Temporal dev server) and starts it again when it is
 * gone, with the same backoff. `start` may throw (the port still taken, a crash on start): that
 * counts as another failure.
 */
export function keepServiceAlive(
  name: string,
  o: { alive: () => Promise<boolean>; start: () => Promise<void>; what: string; stopping: () => boolean; everyMs?: number },
): void {
  const backoff = new Backoff();
  backoff.started();
  void (async () => {
    while (!o.stopping()) {
      await sleep(o.everyMs ?? 2_000);
      if (o.stopping() || (await o.alive())) continue;
      for (;;) {
        const wait = backoff.failed();
        log.warn(`${name} is not running (${o.what}); starting it again in ${wait / 1000} s`);
        await sleep(wait);
        if (o.stopping()) return;
        try {
          await o.start();
          backoff.started();
          log.info(`${name} is running again`);
          break;
        } catch (err) {
          log.warn(`${name} did not start: ${(err as Error).message.split('\n')[0]}`);
        }
      }
    }
  })();
}
