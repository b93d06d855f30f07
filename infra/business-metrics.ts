import type { Pool } from 'pg';
import { Gauge, Registry } from 'prom-client';

// Business gauges, the same on the API's and the worker's /metrics: computed from the read model on
// scrape, with a short cache so several scrapers (or a fast one) cost one set of queries.

const CACHE_MS = 10_000;

interface Snapshot {
  open: { stage: string; sla_status: string; n: number }[];
  payrollRuns: number;
  payments: number;
  decodeRequests: number;
  decodedPayloads: number;
  decodeRefusals: number;
}

async function snapshot(db: Pool): Promise<Snapshot> {
  const [open, pay, dec, ref] = await Promise.all([
    db.query('SELECT stage, sla_status, count(*)::int AS n FROM cases WHERE is_open GROUP BY stage, sla_status'),
    db.query('SELECT count(DISTINCT paid_by_run)::int AS runs, count(*)::int AS payments FROM payments'),
    db.query('SELECT count(*)::int AS requests, coalesce(sum(payloads), 0)::int AS payloads FROM payload_decodes'),
    db.query("SELECT count(*)::int AS n FROM access_denials WHERE reason LIKE 'codec:%'"),
  ]);
  return {
    open: open.rows,
    payrollRuns: pay.rows[0].runs,
    payments: pay.rows[0].payments,
    decodeRequests: dec.rows[0].requests,
    decodedPayloads: dec.rows[0].payloads,
    decodeRefusals: ref.rows[0].n,
  };
}

/** Registers the gauges on `registry`; a scrape while PostgreSQL is down shows the last values. */
export function registerBusinessMetrics(registry: Registry, db: Pool): void {
  let cached: { at: number; value: Promise<Snapshot> } | undefined;
  const current = async (): Promise<Snapshot | undefined> => {
    if (!cached || Date.now() - cached.at > CACHE_MS) {
      const next = { at: Date.now(), value: snapshot(db) };
      const previous = cached;
      cached = next;
      next.value.catch(() => (cached = previous && { ...previous, at: 0 }));
    }
    return cached.value.catch(() => undefined);
  };
  const gauge = (name: string, help: string, labelNames: string[], fill: (g: Gauge, s: Snapshot) => void) =>
    new Gauge({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const s = await current();
        if (!s) return;
        this.reset();
        fill(this, s);
      },
    });
  gauge('aidflow_open_cases', 'Open cases by stage and time-limit status (read model)', ['stage', 'sla_status'], (g, s) => {
    for (const r of s.open) g.set({ stage: r.stage, sla_status: r.sla_status }, r.n);
  });
  gauge('aidflow_payroll_runs', 'Payroll runs that paid at least one case', [], (g, s) => g.set(s.payrollRuns));
  gauge('aidflow_payments', 'Payments recorded', [], (g, s) => g.set(s.payments));
  gauge('aidflow_codec_decode_requests', 'Codec decode requests that opened payloads (Web UI)', [], (g, s) => g.set(s.decodeRequests));
  gauge('aidflow_codec_decoded_payloads', 'Payloads decoded through the codec endpoint', [], (g, s) => g.set(s.decodedPayloads));
  gauge('aidflow_codec_decode_refusals', "Codec requests with payloads left encrypted (outside the caller's area)", [], (g, s) =>
    g.set(s.decodeRefusals),
  );
}
