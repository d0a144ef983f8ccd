import { readFileSync } from 'node:fs';
import fc from 'fast-check';

/**
 * Generated input for the API fuzz suite (src/http/fuzz.db.test.ts): values that are nearly
 * right, read from the JSON Schema the app publishes for each route, and values chosen to break
 * things — impossible or extreme dates, numbers past every column's range, text JSON and
 * PostgreSQL cannot hold, wrong types and whole bodies of the wrong shape.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

/** Real ids from the seeded demo, by what they name, so requests reach past "not found". */
export type IdPools = Record<string, string[]>;

export const extremeDates = [
  '0000-01-01',
  '0001-01-01',
  '1000-02-29',
  '1899-12-31',
  '3000-01-01',
  '9999-12-31',
  '275760-09-13',
  '+275760-09-13',
  '-000001-01-01',
  '2026-02-30',
  '2026-13-01',
  '2026-1-1',
  '31/12/2026',
];

export const extremeDateTimes = [
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+14:00',
  '1899-12-31T23:59:59Z',
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59.999999999-12:00',
  '+275760-09-13T00:00:00.000Z',
  '275760-09-13T00:00:00Z',
  '2026-02-30T14:00:00Z',
  '2026-12-10T24:00:00Z',
  '2026-12-10T14:00:00',
  '2026-12-10',
];

const extremeNumbers = [
  -1,
  0,
  1.5,
  -0.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  1e308,
  -1e308,
  5e-324,
];

/** Text JSON can carry but PostgreSQL (text and jsonb) cannot: lone surrogates and NUL. */
export const unstorableTexts = [
  '\ud800',
  'minute \udfff text',
  '\udc00\ud800',
  'a\u0000b',
  '\u0000',
  'ok\ud83d',
];

const nastyTexts = [
  ...unstorableTexts,
  '',
  ' ',
  '\t\n',
  'x'.repeat(5_001),
  'é'.repeat(70_000),
  '😀'.repeat(300),
  '\u202eevil',
  "'; drop table people; --",
  '<script>alert(1)</script>',
  '%00',
  '%ED%A0%80',
  '../../etc/passwd',
  '\\',
  'null',
  'undefined',
  '0000-01-01',
  '9999-12-31',
  'NaN',
  'Infinity',
  '-1',
  '1e400',
  '99999999999999999999',
];

const nastyText = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nastyTexts) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom('\ud800', '\u0000', 'a', 'é') }) },
);

/** Any value of the wrong kind for any field. */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: nastyText },
  { weight: 2, arbitrary: fc.constantFrom(...extremeDates, ...extremeDateTimes) },
  { weight: 2, arbitrary: fc.constantFrom(...extremeNumbers) },
  { weight: 1, arbitrary: fc.constantFrom(...extremeNumbers.map(String)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [1, 2], { a: 1 }, ['\ud800']),
  },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/** A bad value, chosen more often from what breaks this kind of field. */
function badValueFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  const formats = formatsIn(schema);
  if (formats.has('date')) {
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...extremeDates) },
      { weight: 1, arbitrary: badValue },
    );
  }
  if (formats.has('date-time')) {
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...extremeDateTimes) },
      { weight: 1, arbitrary: badValue },
    );
  }
  if (typesIn(schema).has('integer') || typesIn(schema).has('number')) {
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...extremeNumbers) },
      { weight: 1, arbitrary: badValue },
    );
  }
  if (typesIn(schema).has('string')) {
    return fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...unstorableTexts) },
      { weight: 1, arbitrary: badValue },
    );
  }
  return badValue;
}

function alternativesOf(schema: JsonSchema): JsonSchema[] {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.flatMap(alternativesOf);
  if (schema.allOf) return schema.allOf.flatMap(alternativesOf);
  return [schema];
}

function formatsIn(schema: JsonSchema): Set<string> {
  return new Set(alternativesOf(schema).flatMap((one) => (one.format ? [one.format] : [])));
}

function typesIn(schema: JsonSchema): Set<string> {
  return new Set(alternativesOf(schema).flatMap((one) => [one.type ?? []].flat()));
}

const goodDates = ['2026-11-23', '2026-12-10', '2027-01-14', '2008-04-01', '2026-01-01'];
const goodDateTimes = ['2026-12-10T14:00:00Z', '2027-02-11T14:00:00.000+00:00'];

/** What an id named `name` names, for picking a real one. */
function poolFor(name: string, pools: IdPools): string[] {
  const lower = name.toLowerCase();
  const kinds: [RegExp, string][] = [
    [/agendaitem/, 'agendaItems'],
    [/meeting/, 'meetings'],
    [/holding|onbehalfof/, 'holdings'],
    [/attendee/, 'attendees'],
    [/person|proxyperson/, 'people'],
    [/organisation/, 'organisations'],
    [/proposal/, 'proposals'],
    [/jointreview/, 'jointReviews'],
    [/paper/, 'papers'],
  ];
  for (const [pattern, kind] of kinds) {
    if (pattern.test(lower) && pools[kind]?.length) return pools[kind];
  }
  return Object.values(pools).flat();
}

/** An id: mostly a real one of the right kind, sometimes any real one or a random UUID. */
export function idArbitrary(name: string, pools: IdPools): fc.Arbitrary<string> {
  const own = poolFor(name, pools);
  const every = Object.values(pools).flat();
  return fc.oneof(
    { weight: 4, arbitrary: own.length ? fc.constantFrom(...own) : fc.uuid() },
    { weight: 1, arbitrary: every.length ? fc.constantFrom(...every) : fc.uuid() },
    { weight: 1, arbitrary: fc.uuid({ version: 7 }) },
  );
}

/** A value that could pass the schema: the start from which one thing at a time is broken. */
export function plausibleValue(
  schema: JsonSchema,
  name: string,
  pools: IdPools,
): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((one) => plausibleValue(one, name, pools)));
  if (schema.allOf?.[0]) return plausibleValue(schema.allOf[0], name, pools);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return plausibleString(schema, name, pools);
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? -1_000, -1_000_000),
        max: Math.min(schema.maximum ?? 1_000, 1_000_000),
      });
    case 'number':
      return fc.double({
        min: Math.max(schema.minimum ?? -1_000, -1_000_000),
        max: Math.min(schema.maximum ?? 1_000, 1_000_000),
        noNaN: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(plausibleValue(schema.items ?? {}, name, pools), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'object':
      return plausibleObject(schema, pools);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/**
 * Terms of reference as YAML: a shipped constitution under a new id, its dates and title changed,
 * sometimes to what YAML escapes can say and a database cannot hold.
 */
const shippedConstitution = readFileSync(
  new URL('../../constitutions/joint-committee-of-pcts-2008.yaml', import.meta.url),
  'utf8',
);
export const constitutionText = fc
  .record({
    id: fc.stringMatching(/^[a-z][a-z0-9]{2,10}$/),
    title: fc.constantFrom('Fuzz body', '"Fuzz \\0 body"', '"Fuzz \\ud800 body"', '"\\udc00"'),
    effectiveOn: fc.constantFrom(...goodDates, ...extremeDates),
    reviewOn: fc.constantFrom(...goodDates, ...extremeDates),
  })
  .map(({ id, title, effectiveOn, reviewOn }) =>
    shippedConstitution
      .replace(/^ {2}id: .*$/m, `  id: fuzz-${id}`)
      .replace(/^ {2}title: .*$/m, `  title: ${title}`)
      .replace("date: '2007-11-01'", `date: '${effectiveOn}'`)
      .replace("date: '2008-09-30'", `date: '${reviewOn}'`),
  );

function plausibleString(schema: JsonSchema, name: string, pools: IdPools) {
  if (name === 'constitution') return constitutionText;
  switch (schema.format) {
    case 'date':
      return fc.constantFrom(...goodDates);
    case 'date-time':
      return fc.constantFrom(...goodDateTimes);
    case 'uuid':
      return idArbitrary(name, pools);
    case 'email':
      return fc.constantFrom('fuzz@demo.invalid', 'someone@nhs.net');
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern), { maxLength: 60 });
  const minLength = schema.minLength ?? 0;
  return fc.string({
    minLength,
    maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 40, 40)),
  });
}

function plausibleObject(
  schema: JsonSchema,
  pools: IdPools,
): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const fields = Object.fromEntries(
    Object.entries(properties).map(([field, fieldSchema]) => [
      field,
      plausibleValue(fieldSchema, field, pools),
    ]),
  );
  return fc.record(fields, { requiredKeys: schema.required ?? [] }) as fc.Arbitrary<
    Record<string, unknown>
  >;
}

/**
 * A request body for a route taking `schema`: nearly valid with one to three fields broken,
 * fields left out, fields added, or a body of another shape altogether.
 */
export function badBody(schema: JsonSchema | undefined, pools: IdPools): fc.Arbitrary<unknown> {
  const wrongShape = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom<unknown>(null, [], '', 'text', 0, true, [{}], { '\ud800': 1 }, { '': '' }),
  );
  const objectSchema = schema && alternativesOf(schema).find((one) => one.properties);
  if (!schema || !objectSchema?.properties) {
    return fc.oneof(
      wrongShape,
      fc.dictionary(fc.string({ maxLength: 10 }), badValue, { maxKeys: 3 }),
    );
  }
  const fieldNames = Object.keys(objectSchema.properties);
  const plausible = plausibleValue(objectSchema, 'body', pools) as fc.Arbitrary<
    Record<string, unknown>
  >;
  const brokenField = fc
    .constantFrom(...fieldNames)
    .chain((field) =>
      badValueFor(objectSchema.properties![field]!).map((value) => [field, value] as const),
    );
  const broken = (most: number) =>
    fc
      .tuple(plausible, fc.array(brokenField, { minLength: 1, maxLength: most }))
      .map(([body, changes]) => ({ ...body, ...Object.fromEntries(changes) }));
  const missing = fc
    .tuple(plausible, fc.subarray(fieldNames, { minLength: 1 }))
    .map(([body, dropped]) =>
      Object.fromEntries(Object.entries(body).filter(([field]) => !dropped.includes(field))),
    );
  const extra = fc
    .tuple(plausible, fc.string({ maxLength: 12 }), badValue)
    .map(([body, field, value]) => ({ ...body, [field || 'extra']: value }));
  const asArray = plausible.map((body) => [body, body]);
  return fc.oneof(
    { weight: 2, arbitrary: plausible },
    { weight: 8, arbitrary: broken(1) },
    { weight: 2, arbitrary: broken(3) },
    { weight: 1, arbitrary: missing },
    { weight: 1, arbitrary: extra },
    { weight: 1, arbitrary: asArray },
    { weight: 1, arbitrary: wrongShape },
  );
}

/** How a value reads in a query string (an object can have no prototype to convert it). */
function asQueryText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
}

/** A query string value: nearly valid, nasty, or an extreme date or number. */
export function badQueryValue(schema: JsonSchema, name: string, pools: IdPools) {
  return fc.oneof(
    { weight: 2, arbitrary: plausibleValue(schema, name, pools).map(asQueryText) },
    { weight: 3, arbitrary: fc.constantFrom(...extremeDates, ...extremeDateTimes) },
    { weight: 2, arbitrary: fc.constantFrom(...extremeNumbers.map(String), '1e400', '0x10', '-0') },
    { weight: 3, arbitrary: nastyText },
  );
}

/**
 * Text as bytes the way a careless client writes it: UTF-8, except that a lone surrogate becomes
 * the three bytes a naive encoder writes for it, which no valid UTF-8 decoder accepts.
 */
export function looseUtf8(text: string): Buffer {
  const chunks: Buffer[] = [];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const next = text.charCodeAt(index + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      chunks.push(Buffer.from(text.slice(index, index + 2), 'utf8'));
      index++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      chunks.push(
        Buffer.from([0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]),
      );
    } else {
      chunks.push(Buffer.from(text[index]!, 'utf8'));
    }
  }
  return Buffer.concat(chunks);
}

/** Percent-encodes a query or form value byte by byte, lone surrogates included (see looseUtf8). */
export function encodeQueryComponent(value: string): string {
  return [...looseUtf8(value)]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}
