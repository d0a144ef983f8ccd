/** Progress lines for long-running commands, on stderr so stdout stays clean for data. */
export function createProgress(stream: NodeJS.WritableStream = process.stderr) {
  const started = performance.now();
  return (message: string) => {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    stream.write(`[${seconds.padStart(5)} s] ${message}\n`);
  };
}
