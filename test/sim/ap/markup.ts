import { randomBytes } from 'node:crypto';

/**
 * The replica's look: gov.pl-like styles under class names generated at each start, so nothing can rely on
 * them (the real AP is an Angular build with generated names too).
 */
export const CLASS_KEYS = [
  'header',
  'burger',
  'brand',
  'env',
  'context',
  'user',
  'layout',
  'nav',
  'section',
  'navLink',
  'main',
  'footer',
  'h1',
  'tabs',
  'tab',
  'table',
  'row',
  'muted',
  'mono',
  'btn',
  'primary',
  'select',
  'pager',
  'dialog',
  'actions',
  'info',
  'success',
  'error',
  'grid',
  'menu',
  'icon',
  'help',
] as const;
export type Classes = Record<(typeof CLASS_KEYS)[number], string>;

export function generateClasses(): Classes {
  const salt = randomBytes(3).toString('hex');
  return Object.fromEntries(CLASS_KEYS.map((k, i) => [k, `_${salt}${i.toString(36)}`])) as Classes;
}

export function css(k: Classes): string {
  return `
body{margin:0;font:15px/1.5 'Source Sans Pro',Arial,sans-serif;color:#1b1b1b;background:#f2f2f2}
.${k.header}{display:flex;align-items:center;gap:16px;padding:12px 24px;background:#fff;border-bottom:1px solid #dcdcdc}
.${k.brand}{font-size:18px;color:#0052a5}
.${k.env}{padding:2px 8px;color:#fff;background:#d4351c;border-radius:2px;font-size:13px}
.${k.context}{margin-left:auto;font-size:14px;color:#1b1b1b;font-weight:600}
.${k.user}{margin-left:auto;font-size:14px;color:#444}
.${k.context}+.${k.user}{margin-left:0}
.${k.layout}{display:grid;grid-template-columns:250px 1fr;min-height:calc(100vh - 110px)}
.${k.nav}{padding:12px 0;background:#fff;border-right:1px solid #dcdcdc}
.${k.section}{margin:12px 24px 4px;font-weight:700}
.${k.navLink}{display:block;padding:5px 36px;color:#0052a5;text-decoration:none}
.${k.navLink}[aria-current]{font-weight:700;background:#e6eef8;border-left:4px solid #0052a5;padding-left:32px}
.${k.main}{padding:20px 28px;min-width:0}
.${k.h1}{margin:0 0 14px;font-size:26px}
.${k.tabs}{display:flex;gap:4px;margin-bottom:12px;border-bottom:2px solid #dcdcdc}
.${k.tab}{padding:8px 14px;font:inherit;background:none;border:0;border-bottom:3px solid transparent;cursor:pointer;color:#0052a5}
.${k.tab}[aria-selected=true]{border-bottom-color:#0052a5;font-weight:700;color:#1b1b1b}
.${k.table}{width:100%;border-collapse:collapse;background:#fff;font-size:14px}
.${k.table} th,.${k.table} td{padding:8px 10px;text-align:left;border-bottom:1px solid #dcdcdc;vertical-align:top}
.${k.table} th{font-size:12px;text-transform:uppercase;color:#555}
.${k.muted}{color:#555}
.${k.mono}{font-family:monospace;font-size:12px}
.${k.btn}{display:inline-block;text-decoration:none;padding:5px 10px;font:inherit;font-size:14px;color:#0052a5;background:#fff;border:1px solid #0052a5;border-radius:2px;cursor:pointer}
.${k.btn}[disabled],.${k.btn}[aria-disabled]{opacity:.45;cursor:default}
.${k.primary}{padding:6px 14px;font:inherit;color:#fff;background:#0052a5;border:1px solid #0052a5;border-radius:2px;cursor:pointer}
.${k.pager}{display:flex;align-items:center;gap:12px;margin-top:12px}
.${k.dialog}{position:fixed;top:30%;left:50%;transform:translateX(-50%);min-width:420px;padding:20px 24px;background:#fff;border:1px solid #999;box-shadow:0 8px 30px rgba(0,0,0,.3);z-index:10}
.${k.actions}{display:flex;gap:10px;margin-top:14px}
.${k.info}{color:#444}
.${k.success}{padding:8px 12px;background:#e5f3e8;border-left:4px solid #00703c}
.${k.error}{color:#a4000f}
.${k.grid}{display:table;width:100%;background:#fff;font-size:14px}
.${k.grid} [role=row]{display:table-row}
.${k.grid} [role=cell],.${k.grid} [role=columnheader]{display:table-cell;padding:8px 10px;border-bottom:1px solid #dcdcdc;vertical-align:top}
.${k.grid} [role=columnheader]{font-size:12px;text-transform:uppercase;color:#555}
.${k.menu}{position:absolute;z-index:5;display:flex;flex-direction:column;min-width:200px;background:#fff;border:1px solid #999;box-shadow:0 4px 14px rgba(0,0,0,.25)}
.${k.menu}[hidden]{display:none}
.${k.menu} [role=menuitem]{padding:8px 12px;font:inherit;text-align:left;background:none;border:0;cursor:pointer;color:#0052a5}
.${k.icon}{min-width:32px;font-size:16px;line-height:1}
body[data-fixed]{padding-top:66px}
body[data-fixed] .${k.header}{position:fixed;top:0;left:0;right:0;z-index:20}
.${k.help}{position:fixed;right:16px;bottom:16px;z-index:20;padding:8px 14px;color:#fff;background:#0052a5;border-radius:18px;text-decoration:none}
.${k.footer}{padding:10px 24px;font-size:13px;color:#555;background:#fff;border-top:1px solid #dcdcdc}
`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escape text for server-rendered HTML (dom-only mode). */
export const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]!);
