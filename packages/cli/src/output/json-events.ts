/**
 * `--json`: one JSON object per line on stdout, each with `time` (RFC 3339)
 * and `event`; the fields of each event are listed in docs/sync.md. Disabled,
 * it writes nothing, so callers need not check.
 */
export class JsonEvents {
  constructor(readonly enabled: boolean, private readonly out: NodeJS.WritableStream = process.stdout) {}

  emit(event: string, fields: Record<string, unknown> = {}): void {
    if (!this.enabled) return;
    this.out.write(`${JSON.stringify({ time: new Date().toISOString(), event, ...fields })}\n`);
  }
}
