import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { maximumPaperBytes } from './paper-rules.ts';
import type { UploadedFile } from './paper-service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes a file upload (multipart/form-data); every other route discards files. */
    uploads?: boolean;
  }
}

/**
 * Multipart bodies, parsed before the CSRF check so a form with a file carries its `_csrf` field
 * like any other form: register this before the authentication hooks. Fields arrive as strings
 * and a file as an {@link UploadedFile}; a file beyond 10 MB is cut off and marked `truncated`
 * so the paper rules can refuse it by name rather than the parser failing the whole request.
 */
export async function registerUploads(app: FastifyInstance) {
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    throwFileSizeLimit: false,
    limits: {
      fileSize: maximumPaperBytes,
      files: 1,
      fields: 20,
      fieldSize: 100_000,
      parts: 21,
    },
    async onFile(part) {
      if (!this.routeOptions.config?.uploads) {
        // Read and dropped: a form that takes no files gets none, whatever is sent.
        await pipeline(
          part.file,
          new Writable({
            write: (_chunk, _encoding, done) => done(),
          }),
        );
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      const file: UploadedFile = {
        fileName: part.filename,
        content: Buffer.concat(chunks),
        truncated: part.file.truncated,
      };
      part.value = file;
    },
  });
}

/** The uploaded file in a parsed multipart body, when the named field holds one. */
export function uploadedFileIn(body: unknown, field: string): UploadedFile | undefined {
  const value = (body as Record<string, unknown> | undefined)?.[field];
  if (
    value &&
    typeof value === 'object' &&
    'content' in value &&
    Buffer.isBuffer((value as UploadedFile).content)
  ) {
    return value as UploadedFile;
  }
  return undefined;
}
