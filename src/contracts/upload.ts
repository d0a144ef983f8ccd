/**
 * The CSV file in a multipart form (the app's upload hook reads it into memory, at most 10 MB):
 * its bytes and whether it was cut off at the limit, or nothing when the field holds no file.
 */
export function uploadedCsvIn(
  body: unknown,
  field = 'file',
): { content: Buffer; truncated: boolean } | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  if (value && typeof value === 'object' && 'content' in value) {
    const { content, truncated } = value as { content: unknown; truncated?: unknown };
    if (Buffer.isBuffer(content)) return { content, truncated: truncated === true };
  }
  return undefined;
}

/** The file's bytes, refusing none and a file cut off at the upload limit. */
export function csvUploadProblem(
  file: { content: Buffer; truncated: boolean } | undefined,
): string | undefined {
  if (!file || file.content.length === 0) return 'Choose a CSV file of contracts to import.';
  if (file.truncated) {
    return 'The file is larger than 10 MB, the most a form takes: import it on the server with the command line (npx concordat contracts import FILE.csv), which reads a file of any size.';
  }
  return undefined;
}
