// The divergences from rclone that are known and documented. Each entry of
// known-differences.json is
//   {"signature": "<regular expression for a divergence's signature>",
//    "requires": ["<command>" | "clash" | "--flag" | "--flag=value", ...],   (optional)
//    "docs": "docs/rclone-differences.md#<section>",
//    "why": "<one line>"}
// and a divergence is known when its signature matches and the case has
// every tag in `requires`. The docs link must name a heading of
// docs/rclone-differences.md, so a divergence passes only once it is written down.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers.mjs';

const DOC = 'docs/rclone-differences.md';

export function loadKnown(file = new URL('./known-differences.json', import.meta.url)) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** A heading's anchor as GitHub makes it. */
const anchor = (heading) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, '').replace(/\s/g, '-');

/** What is wrong with the known list: entries without a valid pattern or a docs section. */
export function knownListProblems(known) {
  const headings = new Set(readFileSync(join(ROOT, DOC), 'utf8').split('\n')
    .filter((l) => /^#{1,6} /.test(l)).map((l) => anchor(l.replace(/^#+ /, ''))));
  const problems = [];
  for (const [i, k] of known.entries()) {
    try {
      new RegExp(k.signature);
    } catch {
      problems.push(`entry ${i}: "${k.signature}" is not a regular expression`);
    }
    const [file, section] = String(k.docs ?? '').split('#');
    if (file !== DOC || !headings.has(section)) problems.push(`entry ${i} (${k.signature}): docs "${k.docs}" is not a section of ${DOC}`);
    if (!k.why) problems.push(`entry ${i} (${k.signature}): no "why"`);
  }
  return problems;
}

/** The known entry that covers `divergence` in a case with `tags`, if any. */
export function knownEntry(known, divergence, tags) {
  const matches = (k) => {
    try {
      return new RegExp(`^(?:${k.signature})$`).test(divergence.signature);
    } catch {
      return false; // knownListProblems names the broken entry
    }
  };
  return known.find((k) => matches(k) && (k.requires ?? []).every((t) => tags.includes(t)));
}
