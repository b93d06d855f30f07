import { type CaseRow, stateJsonOf } from '../../db/case-repo';
import { caseSummary } from '../views';

// GET /api/cases/:caseId, the most frequent request: the case's summary fields, then its state
// exactly as PostgreSQL holds it. The state (2–4 kB) is never parsed and serialized again just to
// be passed on; the body is the same JSON as caseDetail(row) (api/views.ts), key for key.

export function caseDetailJson(row: CaseRow): string {
  const summary = JSON.stringify(caseSummary(row));
  return `${summary.slice(0, -1)},"state":${stateJsonOf(row)}}`;
}
