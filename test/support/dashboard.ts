// What the Grafana dashboard (ops/grafana/aidflow-dashboard.json) queries, and what a /metrics answer
// offers: each series name with the label names it carries.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const DASHBOARD = path.resolve(__dirname, '../../ops/grafana/aidflow-dashboard.json');

interface Panel {
  title?: string;
  targets?: { expr?: string }[];
  panels?: Panel[];
}

/** Every PromQL expression of every panel (rows' nested panels too), with its panel's title. */
export function dashboardQueries(file = DASHBOARD): { panel: string; expr: string }[] {
  const dash = JSON.parse(readFileSync(file, 'utf8')) as { panels: Panel[] };
  const walk = (ps: Panel[]): { panel: string; expr: string }[] =>
    ps.flatMap((p) => [...(p.targets ?? []).map((t) => ({ panel: p.title ?? '?', expr: t.expr ?? '' })), ...walk(p.panels ?? [])]);
  return walk(dash.panels);
}

/** Series names in an expression: aidflow's own and the SDK's (`temporal_…`). */
export const metricNames = (expr: string): string[] => [...new Set(expr.match(/\b(?:aidflow|temporal)_[A-Za-z0-9_:]+/g) ?? [])];

/** Label names the expression groups by or matches on; `instance` and `job` come from the scraper. */
export function labelNames(expr: string): string[] {
  const grouped = [...expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)].flatMap((m) => m[1].split(',').map((s) => s.trim()));
  const matched = [...expr.matchAll(/\{([^}]*)\}/g)].flatMap((m) =>
    [...m[1].matchAll(/([A-Za-z_]\w*)\s*(?:=~|!~|!=|=)/g)].map((x) => x[1]),
  );
  return [...new Set([...grouped, ...matched])].filter((l) => l && l !== 'instance' && l !== 'job');
}

/** Prometheus text exposition: series name → the label names seen on it. */
export function exposedSeries(text: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z_:][A-Za-z0-9_:]*)(\{.*\})?\s/.exec(line);
    if (!m) continue;
    const labels = out.get(m[1]) ?? new Set<string>();
    for (const l of (m[2] ?? '').matchAll(/([A-Za-z_]\w*)="/g)) labels.add(l[1]);
    out.set(m[1], labels);
  }
  return out;
}
