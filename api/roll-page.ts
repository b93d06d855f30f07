import { csvCell, ROLL_PROGRAM_NAMES, RollEntry, yuan } from '../domain/roll';

export interface RollDocument {
  township: string;
  village: string;
  month: string;
  items: RollEntry[];
  total: number;
  totalFen: number;
}

export const ROLL_TITLE = '最低生活保障和特困人员救助供养公示名册';
const PRIVACY_NOTE =
  '依照《最低生活保障审核确认办法》（民发〔2021〕57号）“依法保护个人隐私”的要求，本名册仅公布户主姓氏、家庭人数、救助类别和月救助金额，' +
  '不公布身份证号码、家庭住址、收入等个人信息。对名册有异议的，可向所在乡镇人民政府（街道办事处）或县级民政部门反映。';

const esc = (s: string | number) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const monthName = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;

/** A printable page for the village notice board: no scripts, no external assets, Simplified Chinese. */
export function rollHtml(d: RollDocument): string {
  const rows = d.items
    .map(
      (e, i) =>
        `<tr><td>${i + 1}</td><td>${esc(e.headMasked)}</td><td>${e.householdSize}</td><td>${esc(ROLL_PROGRAM_NAMES[e.program] ?? e.program)}</td><td class="n">${yuan(e.monthlyAmountFen)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${ROLL_TITLE}</title>
<style>body{font-family:"SimSun","Songti SC",serif;max-width:900px;margin:2em auto;color:#000}h1{text-align:center;font-size:1.5em}
.meta{text-align:center}table{border-collapse:collapse;width:100%;margin:1em 0}td,th{border:1px solid #000;padding:4px 8px;text-align:center}
td.n{text-align:right}.note{font-size:.9em}@media print{body{margin:0}}</style></head>
<body><h1>${ROLL_TITLE}</h1>
<p class="meta">乡镇（街道）代码：${esc(d.township)}　村（社区）：${esc(d.village)}　公示月份：${monthName(d.month)}</p>
<table><thead><tr><th>序号</th><th>户主</th><th>家庭人数</th><th>救助类别</th><th>月救助金额（元）</th></tr></thead>
<tbody>
${rows || '<tr><td colspan="5">本月无公示对象</td></tr>'}
</tbody></table>
<p>合计：${d.total}户，月救助金额${yuan(d.totalFen)}元。</p>
<p class="note">${PRIVACY_NOTE}</p>
</body></html>`;
}

/** The same roll as CSV (UTF-8 with BOM for spreadsheet programs); cells cannot run as formulas. */
export function rollCsv(d: RollDocument): string {
  const head = ['序号', '户主', '家庭人数', '救助类别', '月救助金额（元）', '村（社区）', '公示月份'];
  const lines = d.items.map((e, i) =>
    [i + 1, e.headMasked, e.householdSize, ROLL_PROGRAM_NAMES[e.program] ?? e.program, yuan(e.monthlyAmountFen), d.village, d.month]
      .map(csvCell)
      .join(','),
  );
  return `\uFEFF${[head.join(','), ...lines].join('\r\n')}\r\n`;
}
