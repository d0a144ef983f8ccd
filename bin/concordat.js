#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so there is no build step between a clone and a run.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv);
