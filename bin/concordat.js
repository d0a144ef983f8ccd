#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so there is no build step between a clone and a run.
//
// `concordat consultation import` streams files of a million lines: it runs in a Node of its own
// with a heap limit (decision 052), so V8 collects as it goes instead of letting garbage grow to
// half a gigabyte; the limit leaves room for an XLSX file's shared strings. A limit given in
// NODE_OPTIONS or on node's command line is kept as it is.
import { spawn } from 'node:child_process';

const importHeapMegabytes = 192;
const [, script, command, subcommand] = process.argv;
const limitGiven = /--max-old-space-size/.test(
  `${process.env.NODE_OPTIONS ?? ''} ${process.execArgv.join(' ')}`,
);

if (command === 'consultation' && subcommand === 'import' && !limitGiven) {
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${importHeapMegabytes}`,
      ...process.execArgv,
      script,
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit' },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  process.exitCode = await new Promise((resolve) => {
    child.once('error', (error) => {
      process.stderr.write(`concordat: ${error.message}\n`);
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { runCli } = await import('../src/cli/main.ts');
  process.exitCode = await runCli(process.argv);
}
