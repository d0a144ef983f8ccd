/**
 * Publishes the constitution schema as JSON Schema (docs/constitution.schema.json) so editors can
 * check constitution files as they are written (the presets point at it with a
 * `# yaml-language-server: $schema=…` line). Generated from the same zod schema the engine
 * validates with, so the two cannot drift; a unit test checks the committed file is current.
 *
 * Run: `npx tsx src/constitutions/write-json-schema.ts`
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { constitutionSchema } from '../governance/index.ts';

export const jsonSchemaFile = fileURLToPath(
  new URL('../../docs/constitution.schema.json', import.meta.url),
);

type JsonObject = Record<string, unknown>;

/**
 * The JSON Schema of a constitution file: a whole constitution, or (with `extends`) a file that
 * takes a template's sections and replaces some of them.
 */
export function constitutionJsonSchema(): JsonObject {
  const generated = z.toJSONSchema(constitutionSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as JsonObject;
  const definitions = (generated.$defs ?? {}) as Record<string, JsonObject>;
  const constitution = definitions.Constitution;
  if (!constitution)
    throw new Error('the zod schema no longer registers the Constitution definition');
  const extension: JsonObject = {
    type: 'object',
    description:
      "A constitution file that extends a template (a path relative to this file); its sections replace the template's whole.",
    properties: {
      extends: {
        type: 'string',
        description: 'The template file, e.g. ./local-commissioning-group-2006.template.yaml',
      },
      ...(constitution.properties as JsonObject),
    },
    required: ['extends'],
    additionalProperties: false,
  };
  return {
    $schema: generated.$schema,
    title: 'Concordat constitution file',
    description:
      "A body's terms of reference as data. See docs/constitution.md. Generated from src/governance/constitution-schema.ts by src/constitutions/write-json-schema.ts.",
    if: { required: ['extends'] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then/else keyword, not a promise.
    then: { $ref: '#/$defs/ConstitutionExtension' },
    else: { $ref: '#/$defs/Constitution' },
    $defs: { ...definitions, ConstitutionExtension: extension },
  };
}

function writeJsonSchema(): void {
  writeFileSync(jsonSchemaFile, `${JSON.stringify(constitutionJsonSchema(), null, 2)}\n`);
  // Keep the committed file in the repository's formatting, so `biome check` passes on it.
  const biome = fileURLToPath(new URL('../../node_modules/.bin/biome', import.meta.url));
  const formatted = spawnSync(biome, ['format', '--write', jsonSchemaFile], { stdio: 'inherit' });
  if (formatted.status !== 0) throw new Error('biome format failed on the JSON Schema');
  process.stdout.write(`wrote ${jsonSchemaFile}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) writeJsonSchema();
