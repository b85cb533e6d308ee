/**
 * Just enough XML for S3 replies: they are flat, machine-written documents
 * with no attributes we need, no CDATA and no nesting of an element in itself.
 */

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITY[e] ?? whole;
  });
}

export function encodeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&${Object.entries(ENTITY).find(([, v]) => v === c)![0]};`);
}

/** The raw inner text of every `<tag>…</tag>` (and nothing for `<tag/>`), in document order. */
export function xmlBlocks(xml: string, tag: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<${tag}(?:\\s[^>]*)?(?:/>|>([\\s\\S]*?)</${tag}>)`, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1] ?? '');
  return out;
}

/** The decoded text of the first `<tag>`, or undefined. */
export function xmlText(xml: string, tag: string): string | undefined {
  const first = xmlBlocks(xml, tag)[0];
  return first === undefined ? undefined : decodeXml(first);
}
