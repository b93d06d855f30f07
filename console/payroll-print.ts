import { rosterLinePage, type RosterLine } from '../db/roster-repo';
import type { ApiDeps } from '../api/deps';
import { label, PROGRAM, yuan } from './labels';
import { esc, qs, table } from './layout';

// The roster as it is signed: every line of the month on one page, walked server-side page by page.

/** Lines one printout holds; a larger area is printed township by township (or taken as CSV). */
export const PRINT_MAX_LINES = 5_000;
const STEP = 1_000;

/** The roster's lines as table rows; `from` numbers them (序号) when the table is the whole roster. */
export const rosterRows = (items: RosterLine[], from?: number) =>
  items.map((p, i) => [
    ...(from === undefined ? [] : [String(from + i)]),
    `<a href="/console/cases/${esc(p.caseId)}">${esc(p.caseId)}</a>`,
    label(PROGRAM, p.program),
    esc(p.township),
    esc(p.payee),
    esc(p.months.join('、')),
    yuan(p.amountFen),
    esc(p.dueOn),
    esc(p.note),
  ]);
export const ROSTER_HEAD = ['案件编号', '项目', '乡镇街道', '收款人', '所属月份', '金额', '发放截止日', '备注'];
export const SIGNATURES =
  '<div class="signatures"><p>制表人：__________　审核人：__________　负责人：__________　日期：__________</p></div>';

interface Roster {
  period: string;
  within: string;
  township?: string;
  count: number;
  sum: number;
  totals: { township: string; count: number; fen: number }[];
}

/** Every line of the month, or, above PRINT_MAX_LINES, a plain statement and one printout per township. */
export async function printView(deps: ApiDeps, r: Roster): Promise<string> {
  const button = '<p class="noprint"><button type="button" id="print">打印</button>（或使用浏览器的打印功能）</p>';
  if (r.count > PRINT_MAX_LINES) {
    const byTownship = new Map<string, number>();
    for (const t of r.totals) byTownship.set(t.township, (byTownship.get(t.township) ?? 0) + t.count);
    return `<p class="notice" role="alert">全月共 ${r.count} 笔，超过一次打印的上限 ${PRINT_MAX_LINES} 笔，未生成打印件。请按乡镇分别打印，或下载 CSV。</p>
${table(
  ['乡镇街道', '笔数', '打印'],
  [...byTownship].map(([t, n]) => [
    esc(t),
    String(n),
    n > PRINT_MAX_LINES
      ? '超过上限，请下载 CSV'
      : `<a href="/console/payroll${esc(qs({ period: r.period, township: t, print: 'all' }))}">打印本乡镇花名册</a>`,
  ]),
)}`;
  }
  const lines: RosterLine[] = [];
  let cursor: string | undefined;
  do {
    const p = await rosterLinePage(deps.db, r.period, r.within, { cursor, limit: STEP });
    lines.push(...p.items);
    cursor = p.nextCursor ?? undefined;
  } while (cursor && lines.length <= PRINT_MAX_LINES);
  const fen = lines.reduce((s, l) => s + l.amountFen, 0);
  // Payments made while the pages were read would make the list disagree with the header: never sign that.
  if (lines.length !== r.count || fen !== r.sum)
    return `<p class="notice" role="alert">读取期间花名册有变动（读到 ${lines.length} 笔，合计 ${yuan(fen)}），未生成打印件，请刷新后重新打印。</p>`;
  return `${button}<h2>花名册（全月，共 ${lines.length} 笔）</h2>${table(['序号', ...ROSTER_HEAD], rosterRows(lines, 1))}
<p>以上共 ${lines.length} 笔，合计 ${yuan(fen)}。</p>${SIGNATURES}`;
}
