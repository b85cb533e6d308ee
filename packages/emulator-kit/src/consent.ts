import type { ServerResponse } from 'node:http';
import { hiddenFields } from './oauth-client.js';

export interface ConsentPage {
  title: string;
  /** What the page asks, as HTML: every value in it already escaped. */
  question: string;
  /** Where the Allow and Cancel buttons post, with every authorization parameter. */
  action: string;
  params: URLSearchParams;
}

/** The consent page an authorize endpoint shows without --auto-approve: Allow or Cancel. */
export function consentPage(page: ConsentPage): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${page.title}</title></head>
<body>
  ${page.question}
  <form method="post" action="${page.action}">
    ${hiddenFields(page.params)}
    <button type="submit" name="decision" value="allow">Allow</button>
    <button type="submit" name="decision" value="deny">Cancel</button>
  </form>
</body></html>
`;
}

export function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(html) });
  res.end(html);
}

/** A 302 back to the client's redirect URI with the grant (or the error) added to its query. */
export function redirectBack(res: ServerResponse, target: string, params: Iterable<readonly [string, string]>): void {
  const url = new URL(target);
  for (const [k, v] of params) url.searchParams.set(k, v);
  res.writeHead(302, { Location: url.toString(), 'Content-Length': 0 });
  res.end();
}
