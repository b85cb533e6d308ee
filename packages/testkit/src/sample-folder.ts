import type { Backend } from '@rsyncish/core';
import { expectContent, putBytes } from './ops.js';
import { broken, describeError, show } from './violation.js';

/** A directory with a file and a sub-directory, and what it held, to prove an operation left it alone. */
export interface SampleFolder {
  path: string;
  /** Content by path of the files it holds. */
  files: Map<string, string>;
}

export async function folderWithContent(b: Backend, path: string): Promise<SampleFolder> {
  const files = new Map([
    [`${path}/inside.txt`, `inside ${path}`],
    [`${path}/sub/deep.txt`, `deep inside ${path}`],
  ]);
  for (const [p, content] of files) await putBytes(b, p, content);
  return { path, files };
}

/** Every file in the directory still holds its content, and its name is still a directory. */
export async function expectIntact(b: Backend, folder: SampleFolder, what: string): Promise<void> {
  for (const [path, content] of folder.files) await expectContent(b, path, content, `${what} deleted or changed ${show(path)} inside the directory`);
  let kind: string;
  try {
    kind = (await b.stat(folder.path)).kind;
  } catch (err) {
    return broken(`${what} removed the directory ${show(folder.path)}: stat now says ${describeError(err)}`);
  }
  if (kind !== 'dir') broken(`${what} made ${show(folder.path)} a ${kind} as well as a directory: stat now gives the ${kind}, and the directory's files are hidden behind it`);
}
