export interface LoggedRequest {
  time: string;
  method: string;
  url: string;
  status: number;
  /** Whether the request carried an Authorization header (tempLinks and presigned URLs must not). */
  authorization: boolean;
  ms: number;
}

/** The last requests served, for tests that check what a client sent. */
export class RequestLog {
  private readonly entries: LoggedRequest[] = [];

  constructor(private readonly capacity = 2000) {}

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(): LoggedRequest[] {
    return this.entries.slice();
  }

  clear(): void {
    this.entries.length = 0;
  }
}
