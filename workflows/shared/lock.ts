import { condition } from '@temporalio/workflow';

/**
 * Serialises async update handlers and timer callbacks: each reads state, awaits activities and
 * writes state, and two interleaved would record audit events out of order.
 */
export class Lock {
  private held = false;

  async run<T>(fn: () => Promise<T>): Promise<T> {
    await condition(() => !this.held);
    this.held = true;
    try {
      return await fn();
    } finally {
      this.held = false;
    }
  }
}
