import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance } from 'fastify';
import { ProblemError } from '../shared/problems.ts';
import { maximumPaperBytes } from './paper-rules.ts';
import type { UploadedFile } from './paper-service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes a file upload (multipart/form-data); every other route discards files. */
    uploads?: boolean;
  }
}

/**
 * A body that says it is multipart but cannot be read as such (no boundary, cut off, a malformed
 * part). The parser reports these as plain errors, which would otherwise surface as a 500.
 */
function malformedMultipart(error: unknown): ProblemError {
  const reason = error instanceof Error ? error.message : 'the body could not be parsed';
  return new ProblemError({
    status: 400,
    code: 'malformed-multipart',
    title: 'The form data could not be read',
    detail: `The body is not valid multipart/form-data (${reason}). Send the form again, as the browser does, or build it with a multipart library.`,
    errors: [{ field: 'body', message: `The body is not valid multipart/form-data (${reason}).` }],
  });
}

/**
 * Multipart bodies, parsed before the CSRF check so a form with a file carries its `_csrf` field
 * like any other form: register this before the authentication hooks. Fields arrive as strings
 * and a file as an {@link UploadedFile}; a file beyond 10 MB is cut off and marked `truncated`
 * so the paper rules can refuse it by name rather than the parser failing the whole request.
 * The parts are read here rather than by the plugin's `attachFieldsToBody`, so that a body the
 * parser cannot read is refused as a 400 naming the body instead of failing as a 500.
 */
export async function registerUploads(app: FastifyInstance) {
  await app.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: {
      fileSize: maximumPaperBytes,
      files: 1,
      fields: 20,
      fieldSize: 100_000,
      parts: 21,
    },
  });
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    const body: Record<string, unknown> = {};
    // A repeated name becomes a list, as the plugin's keyValues did; forms read only strings.
    const keep = (name: string, value: unknown) => {
      const previous = body[name];
      body[name] =
        previous === undefined
          ? value
          : Array.isArray(previous)
            ? [...previous, value]
            : [previous, value];
    };
    try {
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          keep(part.fieldname, part.value);
        } else if (!request.routeOptions.config?.uploads) {
          // Read and dropped: a form that takes no files gets none, whatever is sent.
          await pipeline(
            part.file,
            new Writable({
              write: (_chunk, _encoding, done) => done(),
            }),
          );
        } else {
          const chunks: Buffer[] = [];
          for await (const chunk of part.file) chunks.push(chunk as Buffer);
          const file: UploadedFile = {
            fileName: part.filename,
            content: Buffer.concat(chunks),
            truncated: part.file.truncated,
          };
          keep(part.fieldname, file);
        }
      }
    } catch (error) {
      // The plugin's own refusals (too many files or fields, a prototype name) carry a status.
      if (typeof (error as FastifyError).statusCode === 'number') throw error;
      throw malformedMultipart(error);
    }
    request.body = body;
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
