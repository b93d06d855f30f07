import type { CaseOutcome, Standing } from '../../domain/adjustment-preview';
import type { CaseServices } from '../deps';
import { csvCell } from '../routes/payroll';
import type { DraftContext } from './adjustment-draft-context';
import { outcomes } from './adjustment-preview';

// The preview's rows as a spreadsheet for the bureau's meeting (Chinese headers, amounts in 元).

export const STANDING: Record<Standing, string> = {
  dibao: '低保',
  dibao_single: '单人保',
  tekun: '特困',
  low_income: '低收入家庭',
  none: '不符合',
};
const PROGRAM: Record<string, string> = { dibao: '最低生活保障', dibao_single: '单人保', tekun: '特困供养' };

const yuan = (fen: number) => (fen / 100).toFixed(2);

const HEAD = [
  '案件编号',
  '乡镇街道',
  '项目',
  '户主',
  '人数',
  '现行月金额（元）',
  '调整后月金额（元）',
  '月增减（元）',
  '现行类别',
  '调整后类别',
  '不再符合条件',
  '现行下次复核',
  '调整后下次复核',
  '说明',
];

export function csvLine(o: CaseOutcome): string {
  return [
    o.caseId,
    o.township,
    PROGRAM[o.program] ?? o.program,
    o.applicantName,
    o.people,
    yuan(o.currentFen),
    yuan(o.newFen),
    yuan(o.deltaFen),
    STANDING[o.standingNow],
    STANDING[o.standingUnderDraft],
    o.noLongerQualifies ? '是' : '否',
    o.reviewNow ?? '',
    o.reviewUnderDraft ?? '',
    o.note,
  ]
    .map(csvCell)
    .join(',');
}

/** Every row in scope (or only the affected ones), with a BOM so spreadsheet programs read UTF-8. */
export async function previewCsv(deps: Pick<CaseServices, 'db'>, ctx: DraftContext, rows: 'affected' | 'all'): Promise<string> {
  const lines = [HEAD.join(',')];
  for await (const [o] of outcomes(deps, ctx)) if (rows === 'all' || o.affected) lines.push(csvLine(o));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export const previewCsvHeaders = (ctx: DraftContext) => ({
  'Content-Disposition': `attachment; filename="adjustment-preview-${ctx.draft.profileId}-${ctx.draft.effectiveMonth}-${ctx.within}.csv"`,
});
