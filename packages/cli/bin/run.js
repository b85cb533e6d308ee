#!/usr/bin/env node
// The rsyncish entry point. Kept tiny so --version and help start fast: core,
// the backends and the error printer load only when they are needed.
import 'reflect-metadata';
import { flush, run } from '@oclif/core';

try {
  await run(process.argv.slice(2), import.meta.url);
  await flush();
} catch (err) {
  // Errors raised before a command runs (unknown command, a broken plugin).
  const { reportError } = await import('../dist/cli/report-error.js');
  process.exitCode = reportError(err, { showStack: process.argv.includes('-vv') });
  await flush().catch(() => {});
}
