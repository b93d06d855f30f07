import type { Actor } from '../domain/case';
import { label, ROLE } from './labels';
import { csrfField } from './session';

export const esc = (v: unknown): string =>
  String(v ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A query string from the filters that are set (links keep the other filters when one changes). */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
}

const NAV: [string, string, readonly string[]][] = [
  ['/console/', '督办总览', ['supervisor', 'auditor']],
  ['/console/cases', '案件列表', ['clerk', 'approver', 'coordinator', 'supervisor', 'auditor']],
  ['/console/payroll', '发放花名册', ['supervisor', 'auditor']],
  ['/console/adjustments', '调标测算', ['supervisor', 'approver', 'auditor']],
];

/** Every page: one stylesheet and script source, both served from /console/assets (no CDN, no inline script). */
export function page(title: string, body: string, actor?: Actor, scripts: string[] = []): string {
  const nav = actor
    ? `<nav aria-label="主导航">${NAV.filter(([, , roles]) => roles.includes(actor.role))
        .map(([href, text]) => `<a href="${href}">${text}</a>`)
        .join('')}` +
      `<span class="who">${esc(actor.name ?? actor.id)}（${label(ROLE, actor.role)}，辖区 ${esc(actor.jurisdiction ?? '')}）</span>` +
      `<form method="post" action="/console/sign-out">${csrfField(actor)}<button type="submit">退出</button></form></nav>`
    : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} - aidflow 督办审计台</title><link rel="stylesheet" href="/console/assets/console.css"></head>
<body><header><span class="brand">aidflow 社会救助督办审计台</span>${nav}</header>
<main><h1>${esc(title)}</h1>${body}</main>${scripts.map((s) => `<script src="${s}"></script>`).join('')}</body></html>`;
}

export const table = (head: string[], rows: string[][], caption?: string): string =>
  `<table>${caption ? `<caption>${esc(caption)}</caption>` : ''}<thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>` +
  `<tbody>${rows.length ? rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('') : `<tr><td colspan="${head.length}">无记录</td></tr>`}</tbody></table>`;
