import type { RouteSpec } from './route';

const TAGS: Record<string, string> = {
  cases: '案件（受理与查询）',
  steps: '办理环节（含保障期复核、终止）',
  supervision: '督办（时限监督）',
  audit: '审计（全程记录、重放、校验）',
  temporary: '临时救助（急难型、支出型、一事一议）',
  payroll: '资金发放',
  referrals: '分办转办（专项救助）',
  roll: '公示名册',
  calendar: '工作日历',
  profiles: '政策参数',
};
const ROLES: Record<string, string> = {
  clerk: '经办人员',
  approver: '审核确认人员',
  coordinator: '协调机制',
  supervisor: '督办人员',
  auditor: '审计人员',
};

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The docs page clerks and integrators open: Chinese headings, the endpoints by group. */
export function docsPage(routes: RouteSpec[]): string {
  const groups = Object.keys(TAGS).map((tag) => {
    const rows = routes
      .filter((r) => r.tag === tag)
      .map(
        (r) =>
          `<tr><td><code>${r.method.toUpperCase()}</code></td><td><code>${esc(r.path)}</code></td>` +
          `<td>${esc(r.summary)}</td><td>${r.roles.map((x) => ROLES[x] ?? x).join('、')}</td></tr>`,
      )
      .join('\n');
    return `<h2>${TAGS[tag]}</h2><table><tr><th>方法</th><th>路径</th><th>说明</th><th>角色</th></tr>${rows}</table>`;
  });
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>aidflow 接口文档</title>
<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3;white-space:nowrap}code{font-size:90%}</style></head>
<body><h1>aidflow 社会救助审核确认系统 接口文档</h1>
<p>所有业务接口须携带令牌：<code>Authorization: Bearer &lt;token&gt;</code>，令牌载明经办人编号、角色和辖区（县级6位或乡镇级9位区划代码；县级覆盖所辖乡镇）。金额单位为分，日期格式为 YYYY-MM-DD（北京时间）。</p>
<p>错误返回：400 输入有误（逐字段说明，<code>error.fields</code>；未定义的字段一律拒绝并逐一列出）；401 未携带或令牌无效；403 角色、辖区不符或须回避；404 案件不存在；409 当前环节不能办理该事项；413 请求体超过 256 kB；429 操作过于频繁；503 数据库或工作流服务暂时不可用（按 <code>Retry-After</code> 秒数后重试）。每个接口可能返回的状态码见 OpenAPI 文档。</p>
<p>督办、审计人员请使用网页版 <a href="/console/">督办审计台</a>（总览、案件清单、案件详情、审计核验、发放花名册）。</p>
<p>完整的机器可读接口定义：<a href="/openapi.json">/openapi.json</a>（OpenAPI 3.1）；可交互的接口参考（含请求、响应结构，可携带令牌试调）：<a href="/docs/reference">/docs/reference</a>。</p>
${groups.join('\n')}
</body></html>`;
}
