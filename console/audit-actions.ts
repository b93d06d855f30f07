import type { ApiDeps } from '../api/deps';
import { verifyCaseChain } from '../api/use-cases/audit-verify';
import { replayCase } from '../api/use-cases/audit';
import type { Actor } from '../domain/case';
import { casePage, readableCase } from './case-page';
import { esc } from './layout';

const BREAK: Record<string, string> = {
  deleted: '记录被删除',
  inserted: '插入了多余记录',
  altered: '记录内容被改动',
  relinked: '链接被改动',
  rehashed: '内容被改动并重算了哈希',
  mac_removed: '校验码被删除',
};

/** 核验审计链: the same use case as GET /api/cases/:caseId/audit/verify (auditors, their area). */
export async function verifyAction(deps: ApiDeps, actor: Actor, caseId: string): Promise<string> {
  await readableCase(deps, actor, caseId, ['auditor']);
  const r = await verifyCaseChain(deps, deps.auditKey, caseId);
  const text = r.intact
    ? `<p class="ok">审计链完整：共 ${r.events} 条记录，哈希与校验码全部相符${r.anchor.source === 'workflow' ? '，与工作流记载的条数一致' : '（工作流历史已不保留，仅按哈希与校验码核验）'}。</p>`
    : `<p class="bad">审计链已被破坏：第一处异常在第 ${r.firstBroken?.seq} 条记录（${esc(BREAK[r.firstBroken?.kind ?? ''] ?? r.firstBroken?.kind)}）。</p>`;
  return casePage(deps, actor, caseId, `<div class="result" role="status" id="audit-result"><strong>核验审计链结果</strong>${text}</div>`);
}

/** 重放核验: the same use case as POST /api/cases/:caseId/audit/replay. */
export async function replayAction(deps: ApiDeps, actor: Actor, caseId: string): Promise<string> {
  await readableCase(deps, actor, caseId, ['auditor']);
  const r = await replayCase(deps, deps.replayer ?? deps.replayOptions, caseId);
  const lines = r.reports.map(
    (x, i) =>
      `<li>第 ${i + 1} 次运行 <code>${esc(x.runId)}</code>：${x.ok ? (x.note ? '刚开始，尚无可核验的决策' : '与现行代码一致') : `<span class="bad">出现分歧</span>：<code>${esc(x.error)}</code>`}</li>`,
  );
  const text = r.allFollow
    ? `<p class="ok">重放一致：全部 ${r.runs} 次运行均按现行代码重现。</p>`
    : `<p class="bad">重放发现分歧：${r.reports.filter((x) => !x.ok).length} 次运行与现行代码不一致。</p>`;
  return casePage(
    deps,
    actor,
    caseId,
    `<div class="result" role="status" id="audit-result"><strong>重放核验结果</strong>${text}<ul>${lines.join('')}</ul></div>`,
  );
}
