import { AlreadyExistsError, NotFoundError } from '@rsyncish/core';

export interface FileNode {
  kind: 'file';
  data: Buffer;
  modTime: number;
  /** Nanoseconds past modTime's millisecond (Entry.modTimeNanos). */
  modTimeNanos?: number;
  /** Computed once at put: the server-side hash a real backend would report. */
  md5: string;
}

export interface DirNode {
  kind: 'dir';
  modTime: number;
  children: Map<string, Node>;
}

export type Node = FileNode | DirNode;

/**
 * Files and folders as nested maps, so a listing is one map and a rename
 * moves one reference. Paths are `/`-separated and already remote-absolute.
 */
export class MemoryTree {
  readonly root: DirNode;

  constructor(now: number) {
    this.root = { kind: 'dir', modTime: now, children: new Map() };
  }

  find(path: string): Node | undefined {
    let node: Node = this.root;
    for (const name of segments(path)) {
      if (node.kind !== 'dir') return undefined;
      const child: Node | undefined = node.children.get(name);
      if (!child) return undefined;
      node = child;
    }
    return node;
  }

  /** The directory at path; NotFound (isDir) when it is missing or a file. */
  dir(path: string): DirNode {
    const node = this.find(path);
    if (node?.kind !== 'dir') throw new NotFoundError(`directory not found: ${JSON.stringify(path)}`, { isDir: true });
    return node;
  }

  /** mkdir -p. A file in the way is a conflict, like a real filesystem's ENOTDIR. */
  makeDirs(path: string, now: number): DirNode {
    let node = this.root;
    for (const name of segments(path)) {
      const child = node.children.get(name);
      if (child?.kind === 'file') throw new AlreadyExistsError(`${JSON.stringify(path)}: "${name}" is a file, not a directory`);
      if (child) {
        node = child;
        continue;
      }
      const made: DirNode = { kind: 'dir', modTime: now, children: new Map() };
      node.children.set(name, made);
      node = made;
    }
    return node;
  }

  /** Parent directory and base name of a path, making the parents. */
  placeFor(path: string, now: number): { parent: DirNode; name: string } {
    const parts = segments(path);
    const name = parts.pop();
    if (name === undefined) throw new AlreadyExistsError('the root is a directory; a file cannot replace it');
    return { parent: this.makeDirs(parts.join('/'), now), name };
  }
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}
