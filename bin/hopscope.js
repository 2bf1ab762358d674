#!/usr/bin/env node
// The hopscope command: runs the TypeScript CLI through tsx, so the CLI and the app share one engine source.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
