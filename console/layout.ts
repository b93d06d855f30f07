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

const READERS = ['clerk', 'approver', 'coordinator', 'supervisor', 'auditor'];
const NAV: [string, string, readonly string[]][] = [
  ['/console/', '督办总览', ['supervisor', 'auditor']],
  ['/console/cases', '案件列表', READERS],
  ['/console/referrals', '转办事项', READERS],
  ['/console/payroll', '发放花名册', ['supervisor', 'auditor']],
  ['/console/adjustments', '调标测算', ['supervisor', 'approver', 'auditor']],
];

/** The first page a role may open: the overview for supervision, the case list for everyone else. */
export const homeOf = (actor?: Actor): string =>
  (actor && NAV.find(([, , roles]) => roles.includes(actor.role))?.[0]) || '/console/sign-in';

/**
 * Every page: one stylesheet and script source, both served from /console/assets (no CDN, no inline script).
 * The links show in a row on wide screens and in a <details> menu on phones (CSS only: the CSP allows no
 * inline script), so they are written twice and the stylesheet shows one of the two.
 */
export function page(title: string, body: string, actor?: Actor, scripts: string[] = []): string {
  const links = actor
    ? NAV.filter(([, , roles]) => roles.includes(actor.role))
        .map(([href, text]) => `<a href="${href}">${text}</a>`)
        .join('')
    : '';
  const nav = actor
    ? `<nav class="wide" aria-label="主导航">${links}</nav><details class="menu"><summary>菜单</summary><nav aria-label="主导航（菜单）">${links}</nav></details>` +
      `<span class="who">${esc(actor.name ?? actor.id)}（${label(ROLE, actor.role)}，辖区 ${esc(actor.jurisdiction ?? '')}）</span>` +
      `<form method="post" action="/console/sign-out">${csrfField(actor)}<button type="submit">退出</button></form>`
    : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} - aidflow 督办审计台</title><link rel="stylesheet" href="/console/assets/console.css"></head>
<body><header><a class="brand" href="${homeOf(actor)}">aidflow 社会救助督办审计台</a>${nav}</header>
<main><h1>${esc(title)}</h1>${body}</main>${scripts.map((s) => `<script src="${s}"></script>`).join('')}</body></html>`;
}

/** Text long enough to wrap: on a narrow screen other cells keep to one line and the table scrolls in its box. */
const LONG = 24;
const cell = (c: string) => (c.replace(/<[^>]*>/g, '').length > LONG ? `<td class="long">${c}</td>` : `<td>${c}</td>`);

/** `fields`: a two-column table of names and values, whose values wrap on a narrow screen. */
export const table = (head: string[], rows: string[][], caption?: string, kind?: 'fields'): string =>
  `<div class="table-wrap" tabindex="0"><table${kind ? ` class="${kind}"` : ''}>${caption ? `<caption>${esc(caption)}</caption>` : ''}<thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>` +
  `<tbody>${rows.length ? rows.map((r) => `<tr>${r.map(cell).join('')}</tr>`).join('') : `<tr><td colspan="${head.length}">无记录</td></tr>`}</tbody></table></div>`;
