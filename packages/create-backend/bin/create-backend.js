#!/usr/bin/env node
// `npm init @rsyncish/backend` runs this: npm maps the initializer to the
// package @rsyncish/create-backend and runs its bin in the current folder.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2), { cwd: process.cwd(), stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
