import { test, type TestContext } from 'node:test';
import { adaptV1Backend, type Backend, type Capabilities } from '@rsyncish/core';
import { DEFAULTS, V2_ONLY, type ConformanceOptions } from './options.js';
import { broken } from './violation.js';

export type CheckBody = (ctx: { dir: string; t: TestContext }) => Promise<void>;

/**
 * What each check module registers against: the backend under test, a private
 * sub-folder per check (so checks cannot see each other's files), and skips.
 */
export class Kit {
  private opened?: Backend;
  private counter = 0;
  private readonly usedSkips = new Set<string>();

  constructor(readonly options: ConformanceOptions) {}

  get backend(): Backend {
    if (!this.opened) return broken(`create() did not provide a backend for ${this.options.name}`);
    return this.opened;
  }

  get caps(): Capabilities {
    return this.backend.capabilities;
  }

  open(backend: Backend): void {
    this.opened = backend;
  }

  /** A new backend from the plugin, through the version 1 layer when the plugin was built for it. */
  async create(): Promise<Backend> {
    const backend = await this.options.create();
    return this.options.apiVersion === 1 ? adaptV1Backend(backend) : backend;
  }

  /** Close the suite's backend, if create() gave one. */
  async close(): Promise<void> {
    await this.opened?.close?.();
  }

  /** Skip reason for a check id or one of its cases (`odd-names/hash`). */
  skipReason(id: string): string | undefined {
    if (this.options.apiVersion === 1) {
      const v2 = V2_ONLY.find((c) => id === c.check || id.startsWith(`${c.check}/`));
      if (v2) return `backend API version 2 only: ${v2.method}() is not in version 1`;
    }
    for (const rule of this.options.skip ?? []) {
      if (rule.check === id || id.startsWith(`${rule.check}/`)) {
        this.usedSkips.add(rule.check);
        return rule.reason;
      }
    }
    return undefined;
  }

  /** Skip rules that named no check: a typo would otherwise skip nothing silently. */
  unusedSkips(): string[] {
    return (this.options.skip ?? []).map((r) => r.check).filter((c) => !this.usedSkips.has(c));
  }

  check(id: string, title: string, body: CheckBody, timeoutMs = this.options.timeouts?.checkMs ?? DEFAULTS.checkMs): void {
    const reason = this.skipReason(id);
    const folder = `c${String(++this.counter).padStart(2, '0')}-${id.replace(/[^a-z0-9-]/g, '-')}`;
    const name = `${id}: ${title}`;
    if (reason !== undefined) {
      test(name, { skip: reason }, () => {});
      return;
    }
    test(name, { timeout: timeoutMs }, (t) => body({ dir: folder, t }));
  }
}
