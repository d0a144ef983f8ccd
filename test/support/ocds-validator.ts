import { readFileSync } from 'node:fs';
import path from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

// CommonJS packages whose default export TypeScript sees under `default` (NodeNext).
const Ajv = AjvDraft04.default;
const addFormats = ajvFormats.default;

const folder = path.resolve(import.meta.dirname, '../fixtures/standards/ocds-1.1.5');
const read = (file: string) => JSON.parse(readFileSync(path.join(folder, file), 'utf8'));

/**
 * Validates an OCDS 1.1.5 release package against the published schemas (copied into
 * test/fixtures/standards/ocds-1.1.5): the release schema registered under its own `id`, which the
 * package schema refers to, so nothing is fetched. The errors, as Ajv gives them, or none.
 */
export function ocdsPackageErrors(releasePackage: unknown): string[] {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(read('release-schema.json'));
  const validate = ajv.compile(read('release-package-schema.json'));
  if (validate(releasePackage)) return [];
  return (validate.errors ?? []).map(
    (error: { instancePath: string; message?: string }) => `${error.instancePath} ${error.message}`,
  );
}
