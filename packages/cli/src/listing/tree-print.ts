import { baseName, type Entry } from '@rsyncish/core';

export interface TreeOptions {
  /** -a: list names starting with a dot too. */
  all: boolean;
  dirsOnly: boolean;
  dirsFirst: boolean;
  fullPath: boolean;
  /** Descend only this many levels (0 = no limit). */
  level: number;
  noIndent: boolean;
  noReport: boolean;
  /** -s, -D, -p, -Q */
  size: boolean;
  modTime: boolean;
  protections: boolean;
  quote: boolean;
  sort: 'name' | 'size' | 'mtime' | 'none';
  reverse: boolean;
}

interface Node {
  entry: Entry;
  depth: number;
  children?: Node[];
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * rclone's tree (the a8m/tree layout it embeds): `/`, then each level's
 * entries sorted, drawn with ├── └── │, then `N directories, M files`.
 * `children` maps a directory's path ('' for the root) to its entries.
 */
export function renderTree(children: Map<string, Entry[]>, opt: TreeOptions): string {
  const root: Node = { entry: { path: '', kind: 'dir', size: -1 }, depth: 0 };
  const counts = { dirs: 0, files: 0 };
  visit(root, children, opt, counts);
  const out: string[] = [];
  print(root, '', '', opt, out);
  // rclone adds the counts up only when a file was seen, so -d (and a tree of
  // empty directories) reports 0 directories; scripts may parse the line, so we match it.
  const dirs = counts.files === 0 ? 0 : counts.dirs;
  if (!opt.noReport) out.push('', `${dirs} directories${opt.dirsOnly ? '' : `, ${counts.files} files`}`);
  return `${out.join('\n')}\n`;
}

function visit(node: Node, children: Map<string, Entry[]>, opt: TreeOptions, counts: { dirs: number; files: number }): void {
  if (node.entry.kind !== 'dir') {
    counts.files++;
    return;
  }
  if (node.depth !== 0) counts.dirs++;
  if (opt.level > 0 && opt.level <= node.depth) return;
  node.children = [];
  for (const e of children.get(node.entry.path) ?? []) {
    if (!opt.all && baseName(e.path).startsWith('.')) continue;
    if (opt.dirsOnly && e.kind !== 'dir') continue;
    const child: Node = { entry: e, depth: node.depth + 1 };
    visit(child, children, opt, counts);
    node.children.push(child);
  }
  sortNodes(node.children, opt);
}

function sortNodes(nodes: Node[], opt: TreeOptions): void {
  const name = (n: Node) => Buffer.from(baseName(n.entry.path));
  const byName = (a: Node, b: Node) => Buffer.compare(name(a), name(b));
  let cmp: (a: Node, b: Node) => number;
  if (opt.sort === 'mtime') cmp = (a, b) => (a.entry.modTime ?? 0) - (b.entry.modTime ?? 0) || (a.entry.modTimeNanos ?? 0) - (b.entry.modTimeNanos ?? 0);
  else if (opt.dirsFirst) cmp = (a, b) => Number(b.entry.kind === 'dir') - Number(a.entry.kind === 'dir') || byName(a, b);
  else if (opt.sort === 'size') cmp = (a, b) => a.entry.size - b.entry.size;
  else if (opt.sort === 'none') return;
  else cmp = byName;
  nodes.sort(opt.reverse ? (a, b) => cmp(b, a) : cmp);
}

function recursiveSize(node: Node, opt: TreeOptions): number | undefined {
  let size = 0;
  let complete = !(opt.level > 0 && node.depth >= opt.level);
  for (const c of node.children ?? []) {
    if (c.entry.kind !== 'dir') size += c.entry.size;
    else {
      const s = recursiveSize(c, opt);
      if (s === undefined) complete = false;
      else size += s;
    }
  }
  return !complete && size <= 0 ? undefined : size;
}

/** `branch` is what the parent draws before this node's name on its line. */
function print(node: Node, branch: string, indent: string, opt: TreeOptions, out: string[]): void {
  const props: string[] = [];
  const e = node.entry;
  if (e.kind !== 'dir') {
    if (opt.protections) props.push('-rw-rw-rw-');
    if (opt.size) props.push(String(e.size).padStart(11));
    if (opt.modTime) {
      const d = new Date(e.modTime ?? Date.now());
      props.push(`${MONTHS[d.getMonth()]} ${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`);
    }
  } else if (opt.size) {
    props.push(String(recursiveSize(node, opt) ?? '???????????').padStart(11));
  }
  let name = node.depth === 0 ? '/' : opt.fullPath ? `/${e.path}` : baseName(e.path);
  if (opt.quote) name = `"${name}"`;
  out.push(`${branch}${props.length > 0 ? `[${props.join(' ')}]  ` : ''}${name}`);
  const kids = node.children ?? [];
  kids.forEach((child, i) => {
    const last = i === kids.length - 1;
    if (opt.noIndent) print(child, '', indent, opt, out);
    else print(child, `${indent}${last ? '└── ' : '├── '}`, indent + (last ? '    ' : '│   '), opt, out);
  });
}
