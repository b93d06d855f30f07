import type { Response } from 'express';
import { profileVersions } from '../db/adjustment-repo';
import type { ApiDeps } from '../api/deps';
import { requireRole } from '../api/actor';
import { HttpError } from '../api/errors';
import { PREVIEW_ROLES } from '../api/routes/adjustments';
import { previewCsv, previewCsvHeaders, STANDING } from '../api/use-cases/adjustment-csv';
import { draftContext } from '../api/use-cases/adjustment-draft-context';
import { preview } from '../api/use-cases/adjustment-preview';
import { adjustmentDraftSchema } from '../domain/adjustment-draft';
import type { Actor } from '../domain/case';
import { label, PROGRAM, STAGE, yuan } from './labels';
import { esc, page, qs, table } from './layout';
import { adjustmentForm, draftFields, Fields } from './adjustment-form';

// 调标测算: a supervisor enters the numbers that would change and sees, for the live cases of the area,
// the budget per township and program, who rises or falls, and the rows; the same use cases as
// POST /api/adjustments/preview and its CSV.

const signed = (fen: number) => (fen > 0 ? `+${yuan(fen)}` : yuan(fen));

/** The draft the form describes, or the field errors; the base version defaults to the latest stored one. */
async function draftOf(deps: ApiDeps, f: Fields) {
  const latest = f.profileId ? Math.max(0, ...(await profileVersions(deps.db, f.profileId)).keys()) : 0;
  return adjustmentDraftSchema.safeParse(draftFields(f, latest));
}

export async function adjustmentPage(deps: ApiDeps, actor: Actor, raw: Record<string, unknown>): Promise<string> {
  requireRole(actor, PREVIEW_ROLES, 'GET /console/adjustments');
  const f = raw as Fields;
  if (!f.effectiveMonth) return page('调标测算', adjustmentForm(f, []), actor);
  const parsed = await draftOf(deps, f);
  if (!parsed.success)
    return page(
      '调标测算',
      adjustmentForm(
        f,
        parsed.error.issues.map((i) => `${i.path.join('.')}：${i.message}`),
      ),
      actor,
    );
  let result;
  try {
    const ctx = await draftContext(deps, actor, parsed.data);
    result = await preview(deps, ctx, {
      after: typeof f.after === 'string' && f.after ? f.after : undefined,
      limit: 100,
      rows: 'affected',
    });
  } catch (err) {
    if (!(err instanceof HttpError) || ![400, 409].includes(err.status)) throw err;
    const fields = (err.details.fields as { path: string; message: string }[] | undefined) ?? [];
    return page('调标测算', adjustmentForm(f, [err.message, ...fields.map((x) => `${x.path}：${x.message}`)]), actor);
  }
  const s = result.summary;
  const byTownship = new Map<string, { delta: number; rising: number; falling: number; same: number }>();
  for (const l of s?.lines ?? []) {
    const t = byTownship.get(l.township) ?? { delta: 0, rising: 0, falling: 0, same: 0 };
    t.delta += l.monthlyDeltaFen;
    t.rising += l.rising;
    t.falling += l.falling;
    t.same += l.households - l.rising - l.falling;
    byTownship.set(l.township, t);
  }
  const chartData = {
    townships: [...byTownship.keys()],
    deltaYuan: [...byTownship.values()].map((t) => t.delta / 100),
    rising: [...byTownship.values()].map((t) => t.rising),
    falling: [...byTownship.values()].map((t) => t.falling),
    same: [...byTownship.values()].map((t) => t.same),
  };
  const link = qs({ ...(raw as Record<string, string>), after: undefined });
  const summaryHtml = s
    ? `<div class="cards">
<div class="card">在保户数<div class="n">${s.total.households}</div></div>
<div class="card">受影响户数（人数）<div class="n">${s.total.affectedHouseholds}（${s.total.affectedPeople}）</div></div>
<div class="card">每月资金增减<div class="n">${signed(s.total.monthlyDeltaFen)}</div></div>
<div class="card">十二个月资金增减<div class="n">${signed(s.total.twelveMonthDeltaFen)}</div></div>
<div class="card">金额提高户数<div class="n">${s.total.rising}</div></div>
<div class="card">金额降低户数<div class="n warning">${s.total.falling}</div></div>
<div class="card">不再符合条件<div class="n breached">${s.total.noLongerQualify}</div></div>
<div class="card">复核安排改变<div class="n">${s.total.scheduleChanges}</div></div></div>
<div class="charts"><div><h2>各乡镇每月资金增减（元）</h2><div class="chart" id="chart-delta" role="img" aria-label="各乡镇每月资金增减柱状图"></div></div>
<div><h2>各乡镇金额升降户数</h2><div class="chart" id="chart-households" role="img" aria-label="各乡镇金额提高、降低、不变户数柱状图"></div></div></div>
<script type="application/json" id="chart-data">${JSON.stringify(chartData).replace(/</g, '\\u003c')}</script>
<h2>按乡镇、项目汇总</h2>${table(
        [
          '乡镇街道',
          '项目',
          '在保户数',
          '人数',
          '受影响户数',
          '现行每月',
          '调整后每月',
          '每月增减',
          '十二个月增减',
          '降低户数',
          '不再符合',
        ],
        s.lines.map((l) => [
          esc(l.township),
          label(PROGRAM, l.program),
          String(l.households),
          String(l.people),
          String(l.affectedHouseholds),
          yuan(l.currentMonthlyFen),
          yuan(l.newMonthlyFen),
          signed(l.monthlyDeltaFen),
          signed(l.twelveMonthDeltaFen),
          String(l.falling),
          String(l.noLongerQualify),
        ]),
      )}
<h2>类别变化</h2>${table(
        ['现行类别', '调整后类别', '户数'],
        s.transitions.map((t) => [STANDING[t.from], STANDING[t.to], String(t.households)]),
      )}`
    : '';
  const rows = result.rows.items.map((o) => [
    `<a href="/console/cases/${esc(o.caseId)}">${esc(o.caseId)}</a>`,
    esc(o.township),
    label(PROGRAM, o.program),
    esc(o.applicantName),
    String(o.people),
    label(STAGE, o.stage),
    yuan(o.currentFen),
    yuan(o.newFen),
    signed(o.deltaFen),
    `${STANDING[o.standingNow]} → ${STANDING[o.standingUnderDraft]}`,
    esc(o.reviewNow ?? '—') + (o.scheduleChanges ? ` → ${esc(o.reviewUnderDraft ?? '—')}` : ''),
    esc(o.note),
  ]);
  const next = result.rows.nextAfter
    ? `<p><a id="next-page" href="/console/adjustments${qs({ ...(raw as Record<string, string>), after: result.rows.nextAfter })}">下一页</a></p>`
    : '';
  const body = `${adjustmentForm(f, [])}
<p>辖区 ${esc(result.within)}，方案 ${esc(result.profileId)} v${result.fromVersion}，自 ${esc(result.effectiveMonth)} 起执行（测算，不改变任何案件）。
<a class="noprint" id="csv" href="/console/adjustments/preview.csv${link}">下载 CSV（受影响案件）</a></p>
${summaryHtml}<h2>受影响案件（每页最多 100 条）</h2>${table(
    ['案件编号', '乡镇街道', '项目', '户主', '人数', '环节', '现行月金额', '调整后月金额', '增减', '类别', '下次复核', '说明'],
    rows,
  )}${next}`;
  return page('调标测算', body, actor, ['/console/assets/echarts.min.js', '/console/assets/adjustments.js']);
}

/** The preview's CSV for the cookie-signed console (same draft fields as the page). */
export async function adjustmentCsv(deps: ApiDeps, actor: Actor, raw: Record<string, unknown>, res: Response): Promise<void> {
  requireRole(actor, PREVIEW_ROLES, 'GET /console/adjustments/preview.csv');
  const parsed = await draftOf(deps, raw as Fields);
  if (!parsed.success)
    throw new HttpError(400, 'INVALID_INPUT', 'invalid draft', {
      fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  const ctx = await draftContext(deps, actor, parsed.data);
  res
    .set(previewCsvHeaders(ctx))
    .type('text/csv; charset=utf-8')
    .send(await previewCsv(deps, ctx, 'affected'));
}
