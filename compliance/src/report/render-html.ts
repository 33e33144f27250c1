/**
 * The Markdown report as a standalone HTML page (marked, plus a little CSS for the tables).
 * @module
 */
import { marked } from 'marked';

const STYLE = `body{font:14px/1.5 system-ui,sans-serif;max-width:1200px;margin:2rem auto;padding:0 1rem;color:#1b1f24}
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#f6f8fa}code{background:#f6f8fa;padding:0 .2rem;border-radius:3px;font-size:12px;word-break:break-all}h2{border-bottom:1px solid #d0d7de}`;

export function renderHtml(markdown: string): string {
  const body = marked.parse(markdown, { async: false });
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Serenya compliance report</title><style>${STYLE}</style></head><body>\n${body}</body></html>\n`;
}
