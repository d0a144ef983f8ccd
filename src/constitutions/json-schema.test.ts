import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { constitutionJsonSchema, jsonSchemaFile } from './write-json-schema.ts';

describe('docs/constitution.schema.json', () => {
  it('is the JSON Schema generated from the zod schema (run src/constitutions/write-json-schema.ts)', () => {
    const committed = JSON.parse(readFileSync(jsonSchemaFile, 'utf8'));
    expect(committed).toEqual(constitutionJsonSchema());
  });

  it('describes whole files and files that extend a template', () => {
    const schema = constitutionJsonSchema() as { $defs: Record<string, { required?: string[] }> };
    expect(schema.$defs.Constitution?.required).toEqual(
      expect.arrayContaining(['identity', 'seats', 'quorum']),
    );
    expect(schema.$defs.ConstitutionExtension?.required).toEqual(['extends']);
  });
});
