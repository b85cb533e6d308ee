import { randomBytes } from 'node:crypto';
import { endpointTags } from './errors.js';

interface Job {
  result: unknown;
  /** Polls answered so far: the first answers in_progress, as a real batch usually does. */
  polls: number;
}

/**
 * finish_batch (v1) answers with an async_job_id; finish_batch/check polls it. The work is done
 * when the batch is launched; the job only holds the answer.
 */
export class BatchJobs {
  private readonly jobs = new Map<string, Job>();

  add(result: unknown): string {
    const id = `dbjid:${randomBytes(32).toString('base64url')}`;
    this.jobs.set(id, { result, polls: 0 });
    return id;
  }

  check(id: string): Record<string, unknown> {
    const job = this.jobs.get(id);
    if (!job) throw endpointTags('invalid_async_job_id');
    if (job.polls++ === 0) return { '.tag': 'in_progress' };
    return { '.tag': 'complete', ...(job.result as Record<string, unknown>) };
  }
}
