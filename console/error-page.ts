import type { ErrorRequestHandler } from 'express';
import { HttpError, type DenialLog } from '../api/errors';
import { fromOutage } from '../api/db-errors';
import { fromTemporalServiceError } from '../api/service-errors';
import type { Actor } from '../domain/case';
import { pathForLog } from '../api/request-path';
import type { Logger } from '../infra/logger';
import { esc, homeOf, page } from './layout';

const TEXT: Record<number, [string, string]> = {
  400: ['查询条件有误', '请检查以下项目后重试：'],
  403: ['无权访问', '您的角色或辖区不能查看此内容。如需查看，请联系上级主管部门调整权限。此次访问已记录。'],
  404: ['未找到', '没有这个案件或页面，请核对编号。'],
  409: ['暂不能办理', '案件当前环节不能办理此事项。'],
  503: ['服务暂不可用', '数据库或工作流服务暂时无法连接，请稍后刷新重试。'],
};

/** Console errors as Chinese pages, never JSON; 403s are logged exactly as the API logs them. */
export const consoleErrorHandler =
  (logDenial: DenialLog, log: Pick<Logger, 'error'>): ErrorRequestHandler =>
  (err, req, res, _next) => {
    const mapped = err instanceof HttpError ? err : (fromTemporalServiceError(err) ?? fromOutage(err));
    const actor = res.locals.actor as Actor | undefined;
    if (mapped?.status === 401) return void res.redirect(303, '/console/sign-in?expired=1');
    if (mapped?.status === 403 && actor) logDenial(actor, req.method, pathForLog(req.originalUrl), mapped.message);
    const status = mapped?.status ?? 500;
    if (status === 500)
      log.error({ err, method: req.method, path: pathForLog(req.originalUrl), user: actor?.id }, 'unexpected console error');
    const [title, text] = TEXT[status] ?? ['系统错误', '发生内部错误，已记录，请稍后重试。'];
    // Field paths are identifiers (query.township); the English detail of a message stays in the server's log.
    const fields = (mapped?.details.fields as { path: string }[] | undefined) ?? [];
    const list = fields.length ? `<ul>${fields.map((f) => `<li><code>${esc(f.path)}</code></li>`).join('')}</ul>` : '';
    res
      .status(status)
      .type('html')
      .send(page(title, `<p class="notice" role="alert">${text}</p>${list}<p><a href="${homeOf(actor)}">返回首页</a></p>`, actor));
  };
