/**
 * Every rule in the presets quotes its source: each `text` must be the source's own words. The
 * sources are copied into fixtures/sources (see its README). Whitespace, curly quotes and dashes
 * are normalised, since the seeds were typed with a mixture of them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { businessServiceClauseText } from '../governance/index.ts';
import { listPresets, loadPreset } from './presets.ts';

const sourcesDirectory = new URL('./fixtures/sources/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, sourcesDirectory), 'utf8');

function normalise(text: string): string {
  return text
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

const sources: Array<[prefix: string, text: string]> = [
  ['2006 ', normalise(read('2006-london-commissioning-for-health.txt'))],
  ['2008 ', normalise(read('2008-london-commissioning-group-governance.txt'))],
  ['DOMAIN', normalise(read('domain-reference.md'))],
  ['SI ', normalise(read('domain-reference.md'))],
];

interface Quote {
  readonly path: string;
  readonly clause: string;
  readonly text: string;
}

function quotesIn(value: unknown, path = ''): Quote[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => quotesIn(item, `${path}[${index}]`));
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own: Quote[] =
    typeof record.clause === 'string' && typeof record.text === 'string'
      ? [{ path, clause: record.clause, text: record.text }]
      : [];
  return [
    ...own,
    ...Object.entries(record).flatMap(([key, child]) =>
      quotesIn(child, path ? `${path}.${key}` : key),
    ),
  ];
}

describe('every rule quotes its source verbatim', async () => {
  const presets = await listPresets();
  it.each(presets.map((entry) => entry.id))('%s', async (id) => {
    const loaded = await loadPreset(id);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const quotes = quotesIn(loaded.constitution);
    expect(quotes.length).toBeGreaterThan(10);
    const unmatched = quotes.filter((quote) => {
      const source = sources.find(([prefix]) => quote.clause.startsWith(prefix));
      return !source?.[1].includes(normalise(quote.text));
    });
    expect(unmatched).toEqual([]);
  });
});

describe('rules written in the engine quote their source verbatim', () => {
  it('the Business Service is not itself a decision-making body (2006 §3.2)', () => {
    expect(sources[0]?.[1]).toContain(normalise(businessServiceClauseText));
  });
});
