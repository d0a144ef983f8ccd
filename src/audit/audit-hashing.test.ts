import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AuditEventContents,
  auditLeafHash,
  canonicalAuditEvent,
  canonicalJson,
  chainHash,
  genesisChainHash,
  hashChildren,
  hashLeaf,
  MerkleTreeBuilder,
  merkleTreeHash,
} from './audit-hashing.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// The certificate-transparency reference vectors (google/certificate-transparency
// merkletree_test.cc, repeated in transparency-dev/merkle testonly/constants.go): the leaf
// inputs, and the RFC 6962 tree head of the first n of them for n = 0…8.
const referenceLeafInputs = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => Buffer.from(hex, 'hex'));
const referenceTreeHeads = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const sampleEvent: AuditEventContents = {
  id: '01936d2a-8a4e-7c3b-9f00-0123456789ab',
  occurredAt: new Date('2026-11-23T11:00:00.123Z'),
  actor: 'api',
  action: 'organisation.updated',
  entityType: 'organisation',
  entityId: '01936d2a-8a4e-7c3b-9f00-000000000001',
  before: { name: 'Brent PCT', population: 311215, sectorId: null },
  after: { name: 'Brent Teaching PCT', population: 311215, sectorId: 'north-west' },
  requestId: 'req-1',
};

const hashArbitrary = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((bytes) => Buffer.from(bytes).toString('hex'));

describe('RFC 6962 §2.1 Merkle Tree Hash', () => {
  it('hashes the empty tree as SHA-256 of the empty string', () => {
    expect(merkleTreeHash([])).toBe(sha256(new Uint8Array()));
    expect(new MerkleTreeBuilder().root()).toBe(referenceTreeHeads[0]);
  });

  it('uses a one-leaf tree’s leaf hash, SHA-256(0x00 || data), as its head', () => {
    const leaf = hashLeaf(Buffer.from('d'));
    expect(leaf).toBe(sha256(Buffer.from([0x00, 0x64])));
    expect(merkleTreeHash([leaf])).toBe(leaf);
  });

  it('joins two subtrees as SHA-256(0x01 || left || right)', () => {
    const [left, right] = [hashLeaf(Buffer.from('a')), hashLeaf(Buffer.from('b'))];
    const expected = sha256(
      Buffer.concat([Buffer.from([0x01]), Buffer.from(left, 'hex'), Buffer.from(right, 'hex')]),
    );
    expect(hashChildren(left, right)).toBe(expected);
    expect(merkleTreeHash([left, right])).toBe(expected);
  });

  it('matches the certificate-transparency reference tree heads for 0 to 8 leaves', () => {
    const leaves = referenceLeafInputs.map((input) => hashLeaf(input));
    referenceTreeHeads.forEach((head, size) => {
      expect(merkleTreeHash(leaves.slice(0, size)), `tree of ${size} leaves`).toBe(head);
    });
  });

  it('splits at the largest power of two less than n (five leaves: 4 + 1, not 3 + 2)', () => {
    const leaves = ['a', 'b', 'c', 'd', 'e'].map((letter) => hashLeaf(Buffer.from(letter)));
    const [a, b, c, d, e] = leaves as [string, string, string, string, string];
    expect(merkleTreeHash(leaves)).toBe(
      hashChildren(hashChildren(hashChildren(a, b), hashChildren(c, d)), e),
    );
  });

  it('gives the same head streamed one leaf at a time as computed all at once', () => {
    fc.assert(
      fc.property(fc.array(hashArbitrary, { maxLength: 70 }), (leaves) => {
        const builder = new MerkleTreeBuilder();
        for (const leaf of leaves) builder.append(leaf);
        expect(builder.size).toBe(leaves.length);
        expect(builder.root()).toBe(merkleTreeHash(leaves));
      }),
    );
  });

  it('refuses a leaf that is not a SHA-256 hash', () => {
    expect(() => new MerkleTreeBuilder().append('not a hash')).toThrow(/Not a SHA-256 hash/);
  });
});

describe('the hash chain', () => {
  it('links SHA-256(previous chain hash || leaf hash) from a genesis of 32 zero bytes', () => {
    const leaf = auditLeafHash(sampleEvent);
    expect(genesisChainHash).toBe('0'.repeat(64));
    expect(chainHash(genesisChainHash, leaf)).toBe(
      sha256(Buffer.concat([Buffer.alloc(32), Buffer.from(leaf, 'hex')])),
    );
  });

  it('depends on order: swapping two events changes the head', () => {
    const first = auditLeafHash(sampleEvent);
    const second = auditLeafHash({ ...sampleEvent, id: '01936d2a-8a4e-7c3b-9f00-0123456789ac' });
    expect(chainHash(chainHash(genesisChainHash, first), second)).not.toBe(
      chainHash(chainHash(genesisChainHash, second), first),
    );
  });
});

describe('canonical serialisation of an audit event', () => {
  it('writes sorted keys, no whitespace, and the time in UTC with milliseconds', () => {
    expect(canonicalAuditEvent(sampleEvent)).toBe(
      '{"action":"organisation.updated","actor":"api",' +
        '"after":{"name":"Brent Teaching PCT","population":311215,"sectorId":"north-west"},' +
        '"before":{"name":"Brent PCT","population":311215,"sectorId":null},' +
        '"entityId":"01936d2a-8a4e-7c3b-9f00-000000000001","entityType":"organisation",' +
        '"id":"01936d2a-8a4e-7c3b-9f00-0123456789ab","occurredAt":"2026-11-23T11:00:00.123Z",' +
        '"requestId":"req-1"}',
    );
  });

  it('records absent before, after and request id as null', () => {
    const created = { ...sampleEvent, before: undefined, requestId: null };
    expect(canonicalAuditEvent(created)).toContain('"before":null');
    expect(canonicalAuditEvent(created)).toContain('"requestId":null');
  });

  it('serialises values the way jsonb returns them (dates as ISO strings, no undefined)', () => {
    expect(
      canonicalJson({ b: [1, undefined], a: new Date('2026-01-01T00:00:00Z'), c: undefined }),
    ).toBe('{"a":"2026-01-01T00:00:00.000Z","b":[1,null]}');
    expect(canonicalJson({ text: 'line\nbreak "quoted" é 😀' })).toBe(
      '{"text":"line\\nbreak \\"quoted\\" é 😀"}',
    );
  });

  it('refuses values JSON cannot hold rather than hashing something jsonb never stored', () => {
    expect(() => canonicalJson({ population: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ count: 10n })).toThrow(/bigint/);
  });

  it('is valid JSON that parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

/** A small deterministic generator (mulberry32), so a failing shuffle can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The same JSON value with every object's keys in a random order, as a jsonb round-trip may give. */
function shuffledKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffledKeys(item, random));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(
    ([key, item]) => [key, shuffledKeys(item, random)] as const,
  );
  for (let index = entries.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [entries[index], entries[other]] = [entries[other]!, entries[index]!];
  }
  return Object.fromEntries(entries);
}

const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const eventArbitrary: fc.Arbitrary<AuditEventContents> = fc.record({
  id: fc.uuid(),
  occurredAt: fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  }),
  actor: fc.string(),
  action: fc.string(),
  entityType: fc.string(),
  entityId: fc.string(),
  before: fc.jsonValue(),
  after: fc.jsonValue(),
  requestId: fc.option(fc.string(), { nil: null }),
});

describe('the leaf hash of an audit event', () => {
  it('does not change when object keys come back in another order', () => {
    fc.assert(
      fc.property(eventArbitrary, fc.integer(), (event, seed) => {
        const random = seededRandom(seed);
        const reordered = {
          ...event,
          before: shuffledKeys(event.before, random),
          after: shuffledKeys(event.after, random),
        };
        expect(auditLeafHash(reordered)).toBe(auditLeafHash(event));
      }),
    );
  });

  it('changes when any recorded field changes', () => {
    const changedField = fc.oneof(
      fc.record({ field: fc.constant('id' as const), value: fc.uuid() }),
      fc.record({
        field: fc.constant('occurredAt' as const),
        value: fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('2200-01-01') }),
      }),
      fc.record({
        field: fc.constantFrom('actor', 'action', 'entityType', 'entityId'),
        value: fc.string(),
      }),
      fc.record({ field: fc.constantFrom('before', 'after'), value: fc.jsonValue() }),
      fc.record({
        field: fc.constant('requestId' as const),
        value: fc.option(fc.string(), { nil: null }),
      }),
    );
    fc.assert(
      fc.property(eventArbitrary, changedField, (event, { field, value }) => {
        const changed = { ...event, [field]: value } as AuditEventContents;
        // Judged independently of canonicalJson: as JSON, ignoring key order.
        fc.pre(!isDeepStrictEqual(asJson(changed), asJson(event)));
        expect(auditLeafHash(changed)).not.toBe(auditLeafHash(event));
      }),
    );
  });

  it('changes when a single character deep inside after changes', () => {
    const nested = {
      ...sampleEvent,
      after: { ...(sampleEvent.after as object), name: 'Brent Teaching PCS' },
    };
    expect(auditLeafHash(nested)).not.toBe(auditLeafHash(sampleEvent));
  });
});
