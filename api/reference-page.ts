import path from 'node:path';
import { Router } from 'express';

// The interactive API reference: Swagger UI from npm (swagger-ui-dist), served by the API itself
// (offices often have no internet, so no CDN), reading /openapi.json. No inline script: the CSP stays 'self'.
const FILES: Record<string, string> = {
  'swagger-ui-bundle.js': require.resolve('swagger-ui-dist/swagger-ui-bundle.js'),
  'swagger-ui.css': require.resolve('swagger-ui-dist/swagger-ui.css'),
  // Beside this module: api/reference in the source tree, dist/api/reference in the image.
  'init.js': path.join(__dirname, 'reference/init.js'),
};

const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>aidflow 接口参考</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head><body>
<p style="font-family:sans-serif;margin:1em 2em"><a href="/docs">返回接口文档</a> · <a href="/console/">督办审计台</a> · 点击 “Authorize” 填入令牌后可直接试调接口。</p>
<div id="swagger-ui"></div><script src="/docs/assets/swagger-ui-bundle.js"></script><script src="/docs/assets/init.js"></script></body></html>`;

export function referenceRouter(): Router {
  const r = Router();
  r.get('/docs/reference', (_req, res) => void res.type('html').send(PAGE));
  r.get('/docs/assets/:file', (req, res, next) => {
    const file = FILES[req.params.file];
    if (!file) return next();
    res.sendFile(file, { maxAge: '1h' });
  });
  return r;
}
