import { createHash } from 'node:crypto';
import { extensionOf } from './content-type.js';
import { isoDate } from './ids.js';
import type { StoredNode } from './store/node.js';

export interface NodeJson {
  [key: string]: unknown;
  id: string;
  kind: string;
  status: string;
  parents: string[];
}

/** The wire shape of a node, field for field as real replies (GA/AC fixtures) carry them. */
export function nodeJson(node: StoredNode, extra: Record<string, unknown> = {}): NodeJson {
  const json: NodeJson = {
    eTagResponse: createHash('md5').update(`${node.id}:${node.version}`).digest('base64url').slice(0, 11),
    id: node.id,
    kind: node.kind,
    version: node.version,
    labels: node.labels.slice(),
    createdDate: isoDate(node.createdDate),
    modifiedDate: isoDate(node.modifiedDate),
    createdBy: node.createdBy,
    restricted: false,
    isShared: false,
    parents: node.parents.slice(),
    status: node.status,
  };
  if (node.name !== undefined) json['name'] = node.name;
  if (node.isRoot) json['isRoot'] = true;
  if (node.description !== undefined) json['description'] = node.description;
  if (node.content) {
    const ext = extensionOf(node.name);
    json['contentProperties'] = {
      size: node.content.size,
      version: node.content.version,
      md5: node.content.md5,
      contentType: node.content.contentType,
      ...(ext ? { extension: ext } : {}),
      contentDate: isoDate(node.content.contentDate),
    };
  }
  return Object.assign(json, extra);
}
