import { esc } from './layout';

// The 调标 form: amounts in 元 as people write them, turned into the draft's fen; an empty field leaves
// that number as it is. The form submits with GET, so a preview is a link one can send round.

export type Fields = Partial<
  Record<
    | 'profileId'
    | 'baseVersion'
    | 'effectiveMonth'
    | 'urbanYuan'
    | 'ruralYuan'
    | 'tekunMultiplier'
    | 'lowIncomeMultiplier'
    | 'gradualExitMonths'
    | 'backPay'
    | 'documentRef'
    | 'documentTitle'
    | 'after',
    string
  >
>;

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const num = (v: unknown) => (str(v) === '' ? undefined : Number(str(v)));
const fen = (v: unknown) => {
  const n = num(v);
  return n === undefined ? undefined : Math.round(n * 100);
};
const drop = <T extends Record<string, unknown>>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** The draft as adjustmentDraftSchema reads it (validation happens there). */
export function draftFields(f: Fields, latestVersion: number): unknown {
  const dibao = drop({ urban: fen(f.urbanYuan), rural: fen(f.ruralYuan) });
  return {
    profileId: str(f.profileId),
    baseVersion: num(f.baseVersion) ?? latestVersion,
    effectiveMonth: str(f.effectiveMonth),
    backPay: str(f.backPay) === '1',
    document: { ref: str(f.documentRef) || '测算', title: str(f.documentTitle) || '调标测算' },
    changes: drop({
      dibaoMonthlyFen: Object.keys(dibao).length ? dibao : undefined,
      tekunMultiplier: num(f.tekunMultiplier),
      lowIncomeMultiplier: num(f.lowIncomeMultiplier),
      gradualExitMonths: num(f.gradualExitMonths),
    }),
  };
}

const input = (name: keyof Fields, text: string, f: Fields, attrs = '') =>
  `<label for="a-${name}">${text}<input id="a-${name}" name="${name}" value="${esc(f[name] ?? '')}" ${attrs}></label>`;

export function adjustmentForm(f: Fields, errors: string[]): string {
  const problems = errors.length
    ? `<div class="notice" role="alert"><p>请检查以下项目：</p><ul>${errors.map((e) => `<li>${esc(e)}</li>`).join('')}</ul></div>`
    : '';
  return `${problems}<form class="filters" method="get" action="/console/adjustments">
${input('profileId', '政策方案', { profileId: 'hunan-datonghu-2021', ...f }, 'required pattern="[a-z0-9-]+" size="20"')}
${input('baseVersion', '基础版本（空为最新）', f, 'inputmode="numeric" size="4"')}
${input('effectiveMonth', '执行月份', f, 'required pattern="\\d{4}-\\d{2}" placeholder="2027-01" size="8"')}
${input('urbanYuan', '城市低保标准（元/人·月）', f, 'inputmode="decimal" size="8"')}
${input('ruralYuan', '农村低保标准（元/人·月）', f, 'inputmode="decimal" size="8"')}
${input('tekunMultiplier', '特困标准倍数', f, 'inputmode="decimal" size="4"')}
${input('lowIncomeMultiplier', '低收入认定倍数', f, 'inputmode="decimal" size="4"')}
${input('gradualExitMonths', '渐退期（月）', f, 'inputmode="numeric" size="4"')}
${input('documentRef', '文号', f, 'size="14"')}
${input('documentTitle', '文件标题', f, 'size="20"')}
<label for="a-backPay"><input type="checkbox" id="a-backPay" name="backPay" value="1"${f.backPay === '1' ? ' checked' : ''}>补发已发月份</label>
<button type="submit">测算</button></form>`;
}
