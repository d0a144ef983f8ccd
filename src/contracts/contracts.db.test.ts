import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Command } from 'commander';
import { and, count, desc, eq, like } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  demoEmails,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { ocdsPackageErrors } from '../../test/support/ocds-validator.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import { registerContractCommands } from '../cli/contracts-command.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { contractCommissioners, contracts } from '../db/schema/contracts.ts';
import { organisations } from '../db/schema/registry.ts';
import type { App } from '../http/app-types.ts';
import { contractCsvColumns } from './csv-rules.ts';

// The test clock is 2026-11-23 (fixedNow). The London group's secretariat keeps every contract;
// the North Central local group's secretariat (area-secretariat@demo.invalid) those Camden,
// Islington, Barnet, Enfield or Haringey lead; Brent Teaching PCT is in the North West.
let database: DatabaseHandle;
let app: App;
let londonSecretariat: { authorization: string };
let areaSecretariat: { authorization: string };
let publicAccount: { authorization: string };
let ids: Record<string, string>;

async function organisationId(name: string) {
  const [row] = await database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.name, name));
  if (!row) throw new Error(`no organisation ${name}`);
  return row.id;
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  londonSecretariat = await bearerFor(app, 'secretariat');
  areaSecretariat = await bearerFor(app, 'areaSecretariat');
  publicAccount = await bearerFor(app, 'public');
  const royalFree = uuidv7();
  await database.db.insert(organisations).values({
    id: royalFree,
    name: 'Royal Free Hampstead NHS Trust',
    type: 'provider-trust',
    odsCode: 'RAL',
  });
  ids = {
    royalFree,
    camden: await organisationId('Camden PCT'),
    islington: await organisationId('Islington PCT'),
    barnet: await organisationId('Barnet PCT'),
    brent: await organisationId('Brent Teaching PCT'),
    harrow: await organisationId('Harrow PCT'),
  };
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const send = (
  method: 'POST' | 'PUT',
  url: string,
  payload: unknown,
  headers: Record<string, string>,
) => app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as object });

async function written() {
  const [contractRows] = await database.db.select({ n: count() }).from(contracts);
  const [commissionerRows] = await database.db.select({ n: count() }).from(contractCommissioners);
  const [events] = await database.db
    .select({ n: count() })
    .from(auditEvents)
    .where(like(auditEvents.action, 'contract.%'));
  return { contracts: contractRows?.n, commissioners: commissionerRows?.n, events: events?.n };
}

const contract = (reference: string, overrides: Record<string, unknown> = {}) => ({
  reference,
  title: 'Acute services 2008/09 to 2010/11: Royal Free',
  service: 'Acute services',
  providerOrganisationId: ids.royalFree,
  procurementRoute: 'restricted',
  startsOn: '2008-04-01',
  endsOn: '2011-03-31',
  extensionOptions: [
    { months: 12, exercised: false },
    { months: 12, exercised: false },
  ],
  totalValuePence: 123_456_789,
  annualValuePence: 41_152_263,
  shareBasis: 'population',
  commissioners: [
    { organisationId: ids.camden, shareBasisPoints: 4000 },
    { organisationId: ids.islington, shareBasisPoints: 3500 },
    { organisationId: ids.barnet, shareBasisPoints: 2500 },
  ],
  leadOrganisationId: ids.camden,
  status: 'active',
  ...overrides,
});

let recordedId: string;

describe('recording a contract over the API', () => {
  it('records it with its audit event in the same transaction, and shows it in words', async () => {
    const recorded = await send('POST', '/contracts', contract('LCG/2008/001'), londonSecretariat);
    expect(recorded.statusCode, recorded.body).toBe(201);
    recordedId = recorded.json().contractId;
    const view = (await app.inject(`/api/v1/contracts/${recordedId}`)).json();
    expect(view).toMatchObject({
      reference: 'LCG/2008/001',
      totalValue: '£1,234,567.89',
      annualValue: '£411,522.63',
      latestPossibleEnd: '2013-03-31',
      lead: { name: 'Camden PCT' },
      status: { id: 'active', name: 'Active' },
      mayChange: false,
    });
    expect(view.commissioners.map((each: { share: string }) => each.share)).toEqual([
      '40.00%',
      '35.00%',
      '25.00%',
    ]);
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, recordedId));
    expect(event?.action).toBe('contract.recorded');
  });

  it.each([
    [
      'shares not summing to 100%',
      () => ({
        commissioners: [
          { organisationId: ids.camden, shareBasisPoints: 4000 },
          { organisationId: ids.islington, shareBasisPoints: 3450 },
          { organisationId: ids.barnet, shareBasisPoints: 2500 },
        ],
      }),
      "The commissioners' shares sum to 99.50%, not 100%: shares between commissioners sum to exactly 100.00% (shared DOMAIN.md, Commissioning cycle and contracts",
    ],
    [
      'an end before its start',
      () => ({ endsOn: '2008-03-31' }),
      'The contract ends (2008-03-31) before it starts (2008-04-01): the end is on or after the start.',
    ],
    [
      'a value with fractions of a penny',
      () => ({ totalValuePence: 123_456_789.5 }),
      'The total value 123456789.5 pence has a fraction of a penny: values are recorded in whole pence.',
    ],
    [
      'a lead commissioner who is not one of the commissioners',
      () => ({ leadOrganisationId: ids.brent }),
      'The lead commissioner is not one of the commissioning PCTs',
    ],
    [
      'the status "awarded", which only a tender gives',
      () => ({ status: 'awarded' }),
      'A contract is marked awarded only from a tender whose procurement decisions register is complete (shared DOMAIN.md, Conflicts of interest',
    ],
    [
      'a single tender without its reason',
      () => ({ procurementRoute: 'single-tender' }),
      'A single tender states why no competition was run',
    ],
    [
      'a reference already in the register',
      () => ({ reference: 'lcg/2008/001' }),
      'The reference lcg/2008/001 is already in the register',
    ],
  ])('refuses %s, naming the rule, and writes nothing', async (_case, overrides, message) => {
    const before = await written();
    const refused = await send(
      'POST',
      '/contracts',
      contract('LCG/2008/099', overrides()),
      londonSecretariat,
    );
    expect(refused.statusCode, refused.body).toBe(400);
    expect(JSON.stringify(refused.json().errors)).toContain(message);
    expect(await written()).toEqual(before);
  });

  it('lets a local group’s secretariat keep its own PCTs’ contracts only (decision 029)', async () => {
    const own = await send('POST', '/contracts', contract('LCG/2008/002'), areaSecretariat);
    expect(own.statusCode, own.body).toBe(201);
    const before = await written();
    const elsewhere = await send(
      'POST',
      '/contracts',
      contract('LCG/2008/003', {
        commissioners: [
          { organisationId: ids.brent, shareBasisPoints: 5000 },
          { organisationId: ids.harrow, shareBasisPoints: 5000 },
        ],
        leadOrganisationId: ids.brent,
      }),
      areaSecretariat,
    );
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.json().errors[0].message).toContain(
      "the secretariat of the local group of Brent Teaching PCT's sector",
    );
    expect(await written()).toEqual(before);
    const publicRefused = await send('POST', '/contracts', contract('LCG/2008/004'), publicAccount);
    expect(publicRefused.statusCode).toBe(403);
    expect(await written()).toEqual(before);
  });

  it('changes a contract: an option exercised makes it extended, the end moves on', async () => {
    const changed = await send(
      'PUT',
      `/contracts/${recordedId}`,
      contract('LCG/2008/001', {
        extensionOptions: [
          { months: 12, exercised: true },
          { months: 12, exercised: false },
        ],
        status: 'extended',
      }),
      londonSecretariat,
    );
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      status: { id: 'extended' },
      currentEnd: '2012-03-31',
      latestPossibleEnd: '2013-03-31',
      mayChange: true,
    });
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'contract.changed'));
    expect(event?.entityId).toBe(recordedId);
  });

  it('of two keepers changing a contract at once, one is told to look again; neither is lost unseen', async () => {
    const [first, second] = await Promise.all([
      send(
        'PUT',
        `/contracts/${recordedId}`,
        contract('LCG/2008/001', {
          title: 'First keeper',
          status: 'extended',
          extensionOptions: [
            { months: 12, exercised: true },
            { months: 12, exercised: false },
          ],
        }),
        londonSecretariat,
      ),
      send(
        'PUT',
        `/contracts/${recordedId}`,
        contract('LCG/2008/001', {
          title: 'Second keeper',
          status: 'extended',
          extensionOptions: [
            { months: 12, exercised: true },
            { months: 12, exercised: false },
          ],
        }),
        londonSecretariat,
      ),
    ]);
    // Whether the two overlap depends on the engine's scheduling: overlapping, the later is
    // refused; one after the other, both are kept and the later's audit shows what it replaced.
    const codes = [first.statusCode, second.statusCode];
    expect(
      codes.every((code) => code === 200 || code === 409),
      `${first.body} ${second.body}`,
    ).toBe(true);
    if (codes.includes(409)) {
      const refused = first.statusCode === 409 ? first : second;
      expect(refused.json().detail).toContain(
        'was changed by someone else while you were changing it',
      );
    } else {
      const changes = await database.db
        .select({ before: auditEvents.before, after: auditEvents.after })
        .from(auditEvents)
        .where(
          and(eq(auditEvents.action, 'contract.changed'), eq(auditEvents.entityId, recordedId)),
        )
        .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
        .limit(2);
      const [later, earlier] = changes as { before: { title: string }; after: { title: string } }[];
      expect(later?.before.title).toBe(earlier?.after.title);
    }
  });

  it('refuses a change from a local group whose PCTs do not lead the contract (403, before the body is read)', async () => {
    const [brentLed] = await database.db
      .select({ id: contracts.id })
      .from(contracts)
      .where(eq(contracts.reference, 'LCG/2008/001'));
    await database.db
      .update(contracts)
      .set({ leadOrganisationId: ids.brent })
      .where(eq(contracts.id, brentLed!.id));
    const refused = await send('PUT', `/contracts/${brentLed!.id}`, {}, areaSecretariat);
    expect(refused.statusCode).toBe(403);
    await database.db
      .update(contracts)
      .set({ leadOrganisationId: ids.camden })
      .where(eq(contracts.id, brentLed!.id));
  });
});

describe('the register, public record', () => {
  it('lists contracts to anyone, filtered by provider, PCT, status and service, with totals in £', async () => {
    const all = (await app.inject('/api/v1/contracts')).json();
    expect(all.totals).toMatchObject({ count: 2, totalValue: '£2,469,135.78' });
    const extended = (await app.inject('/api/v1/contracts?status=extended')).json();
    expect(extended.contracts.map((each: { reference: string }) => each.reference)).toEqual([
      'LCG/2008/001',
    ]);
    const byPct = (await app.inject(`/api/v1/contracts?pct=${ids.brent}`)).json();
    expect(byPct.totals.count).toBe(0);
    const byService = (await app.inject('/api/v1/contracts?service=acute')).json();
    expect(byService.totals.count).toBe(2);
    const page = await app.inject(`/contracts?provider=${ids.royalFree}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2 contracts: £2,469,135.78 in total');
  });

  it('shows a contract in plain words', async () => {
    const page = await app.inject(`/contracts/${recordedId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      'Royal Free Hampstead NHS Trust provides “Acute services” from 1 April 2008 to 31 March 2012',
    );
    expect(page.body).toContain('31 March 2013 if every extension option is exercised');
    expect(page.body).toContain('Camden PCT (lead commissioner)');
    expect(page.body).not.toMatch(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}<\/td>/,
    );
  });

  it('exports the register as CSV in the columns an import reads', async () => {
    const csv = await app.inject('/contracts.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, first] = csv.body.split('\r\n');
    expect(header).toBe(contractCsvColumns.join(','));
    expect(first).toContain('LCG/2008/001');
    expect(first).toContain('12 exercised; 12');
  });

  it('exports the register as an OCDS 1.1.5 release package the published schemas accept', async () => {
    const ocds = await app.inject('/api/v1/contracts.ocds.json');
    expect(ocds.statusCode).toBe(200);
    expect(ocdsPackageErrors(ocds.json())).toEqual([]);
    expect(ocds.json().releases).toHaveLength(2);
    expect(ocds.json().releases[0].awards[0].value).toEqual({
      amount: 1234567.89,
      currency: 'GBP',
    });
  });
});

const csvLine = (
  reference: string,
  commissioners: string,
  extra: Partial<Record<string, string>> = {},
) => {
  const values: Record<string, string> = {
    reference,
    title: 'Planned care',
    service: 'Planned care',
    provider: 'RAL',
    specification: '',
    specification_version: '',
    procurement_route: 'open',
    single_tender_reason: '',
    extends: '',
    starts_on: '2009-04-01',
    ends_on: '2012-03-31',
    extension_options: '12',
    total_value: '3000000.00',
    annual_value: '1000000.00',
    share_basis: 'population',
    commissioners,
    lead_commissioner: 'Camden PCT',
    status: 'active',
    ...extra,
  };
  return contractCsvColumns.map((column) => values[column]).join(',');
};

const goodFile = [
  contractCsvColumns.join(','),
  csvLine('LCG/2009/001', 'Camden PCT 60.00%; Islington PCT 40.00%'),
  csvLine('LCG/2009/002', 'Camden PCT 100%'),
  csvLine('LCG/2009/003', 'Camden PCT 50%; Barnet PCT 50%', {
    procurement_route: 'extension',
    extends: 'LCG/2009/001',
  }),
].join('\r\n');

const fileWithOneBadLine = [
  contractCsvColumns.join(','),
  csvLine('LCG/2010/001', 'Camden PCT 60.00%; Islington PCT 40.00%'),
  csvLine('LCG/2010/002', 'Camden PCT 60.00%; Islington PCT 40.00%'),
  '',
  csvLine('LCG/2010/003', 'Camden PCT 59.50%; Islington PCT 40.00%'),
  csvLine('LCG/2010/004', 'Camden PCT 100%'),
].join('\r\n');

async function multipart(fields: Record<string, string>, content: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([content], { type: 'text/csv' }), 'contracts.csv');
  const request = new Request('http://concordat.invalid/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') as string,
  };
}

describe('importing contracts from CSV, all or nothing', () => {
  it('through the form: one bad line refuses the file, names the line and the rule, imports nothing', async () => {
    const { cookies } = await signInThroughForm(app, demoEmails.secretariat);
    const page = await app.inject({ url: '/contracts/import', headers: { cookie: cookies } });
    expect(page.statusCode).toBe(200);
    const jar = cookieHeader(page.headers['set-cookie'], cookies);
    const before = await written();
    const bad = await multipart({ _csrf: csrfTokenIn(page.body) }, fileWithOneBadLine);
    const refused = await app.inject({
      method: 'POST',
      url: '/contracts/import',
      headers: { cookie: jar, 'content-type': bad.contentType },
      payload: bad.payload,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('line 5: the commissioners&#39; shares sum to 99.50%, not 100%');
    expect(refused.body).not.toContain('line 2:');
    expect(await written()).toEqual(before);

    const good = await multipart({ _csrf: csrfTokenIn(page.body) }, goodFile);
    const imported = await app.inject({
      method: 'POST',
      url: '/contracts/import',
      headers: { cookie: jar, 'content-type': good.contentType },
      payload: good.payload,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.body).toContain('Imported 3 contracts into the register.');
    const extension = (await app.inject('/api/v1/contracts?service=planned')).json();
    expect(
      extension.contracts.find((each: { reference: string }) => each.reference === 'LCG/2009/003')
        .extends.reference,
    ).toBe('LCG/2009/001');
  });

  it('through the API: a file whose every line is already in the register is refused line by line', async () => {
    const file = await multipart({}, goodFile);
    const before = await written();
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/contracts/imports',
      headers: { ...londonSecretariat, 'content-type': file.contentType },
      payload: file.payload,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((each: { message: string }) => each.message)).toEqual([
      'line 2: the reference LCG/2009/001 is already in the register: each contract has its own reference.',
      'line 3: the reference LCG/2009/002 is already in the register: each contract has its own reference.',
      'line 4: the reference LCG/2009/003 is already in the register: each contract has its own reference.',
    ]);
    expect(await written()).toEqual(before);
  });

  it('on the command line: streamed from a file, progress on stderr, a bad file refused with exit code 1', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'contracts-'));
    const collected = { stdout: '', stderr: '' };
    const stream = (key: 'stdout' | 'stderr') =>
      new Writable({
        write(chunk, _encoding, done) {
          collected[key] += String(chunk);
          done();
        },
      });
    const program = new Command().exitOverride();
    registerContractCommands(program, {
      openDatabase: async () => ({ ...database, close: async () => {} }),
      now: () => fixedNow,
      streams: { stdout: stream('stdout'), stderr: stream('stderr') },
    });
    const badFile = path.join(folder, 'bad.csv');
    await writeFile(badFile, fileWithOneBadLine);
    const before = await written();
    await expect(
      program.parseAsync(['node', 'concordat', 'contracts', 'import', badFile]),
    ).rejects.toMatchObject({ exitCode: 1 });
    expect(collected.stderr).toContain("line 5: the commissioners' shares sum to 99.50%, not 100%");
    expect(collected.stderr).toContain('Nothing was imported');
    expect(await written()).toEqual(before);

    const goodPath = path.join(folder, 'good.csv');
    await writeFile(goodPath, fileWithOneBadLine.replace('59.50%', '60.00%'));
    await program.parseAsync(['node', 'concordat', 'contracts', 'import', goodPath]);
    expect(collected.stdout).toContain('Imported 4 contracts into the register.');
    expect(collected.stderr).toMatch(/Checked 4 contracts; all imported\./);

    // The example file docs/contracts.md documents imports as it stands.
    await program.parseAsync([
      'node',
      'concordat',
      'contracts',
      'import',
      path.resolve(import.meta.dirname, '../../docs/examples/contracts.csv'),
    ]);
    expect(collected.stdout).toContain('Imported 3 contracts into the register.');
    const example = (await app.inject('/api/v1/contracts?service=neonatal')).json();
    expect(example.contracts).toEqual([
      expect.objectContaining({
        reference: 'LCG/2009/202',
        procurementRoute: { id: 'single-tender', name: 'Single tender' },
        shareBasis: { id: 'activity', name: 'by activity' },
      }),
    ]);
  });
});

describe('the record and change forms', () => {
  it('refuses a form whose shares miss 100%, linking the error to the field typed in, then records and changes it', async () => {
    const { cookies } = await signInThroughForm(app, demoEmails.areaSecretariat);
    const form = await app.inject({ url: '/contracts/new', headers: { cookie: cookies } });
    expect(form.statusCode).toBe(200);
    const jar = cookieHeader(form.headers['set-cookie'], cookies);
    const fields = {
      _csrf: csrfTokenIn(form.body),
      reference: 'LCG/2011/001',
      title: 'Stroke rehabilitation',
      service: 'Stroke',
      providerOrganisationId: ids.royalFree!,
      procurementRoute: 'open',
      'startsOn[day]': '1',
      'startsOn[month]': '4',
      'startsOn[year]': '2011',
      'endsOn[day]': '31',
      'endsOn[month]': '3',
      'endsOn[year]': '2013',
      option1Months: '6',
      totalValue: '£2,000,000.00',
      annualValue: '1000000',
      shareBasis: 'activity',
      commissioner1: ids.camden!,
      commissioner1Share: '60',
      commissioner2: ids.islington!,
      commissioner2Share: '39.5',
      leadOrganisationId: ids.camden!,
      status: 'active',
    };
    const post = (url: string, values: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(values).toString(),
      });
    const before = await written();
    const refused = await post('/contracts', fields);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('href="#commissioner1"');
    expect(refused.body).toContain('shares sum to 99.50%, not 100%');
    expect(refused.body).toContain('value="39.5"');
    const fraction = await post('/contracts', {
      ...fields,
      commissioner2Share: '40',
      totalValue: '2000000.005',
    });
    expect(fraction.statusCode).toBe(400);
    expect(fraction.body).toContain('href="#totalValue"');
    expect(fraction.body).toContain('has a fraction of a penny');
    expect(await written()).toEqual(before);

    const recorded = await post('/contracts', { ...fields, commissioner2Share: '40' });
    expect(recorded.statusCode, recorded.body).toBe(303);
    const contractPath = String(recorded.headers.location).replace('?changed=recorded', '');
    const edit = await app.inject({ url: `${contractPath}/edit`, headers: { cookie: jar } });
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="2000000.00"');
    expect(edit.body).toContain('value="60.00"');
    const changed = await post(contractPath, {
      ...fields,
      commissioner2Share: '40',
      option1Exercised: 'yes',
      status: 'extended',
    });
    expect(changed.statusCode, changed.body).toBe(303);
    const page = await app.inject(contractPath);
    expect(page.body).toContain('Option 1: 6 months, exercised');
    expect(page.body).toContain('to 30 September 2013');
  });
});

describe('an import that cannot be read', () => {
  const importFile = async (content: string) => {
    const file = await multipart({}, content);
    return app.inject({
      method: 'POST',
      url: '/api/v1/contracts/imports',
      headers: { ...londonSecretariat, 'content-type': file.contentType },
      payload: file.payload,
    });
  };

  it('names a header without its columns, an empty file and a broken quote, and imports nothing', async () => {
    const before = await written();
    const header = await importFile('reference,title\r\nLCG/1,Something\r\n');
    expect(header.statusCode).toBe(400);
    expect(header.json().errors[0].message).toMatch(/^line 1: the header has no service, provider/);
    const empty = await importFile(`${contractCsvColumns.join(',')}\r\n`);
    expect(empty.json().errors[0].message).toMatch(/^The file has no contracts/);
    const broken = await importFile(
      `${contractCsvColumns.join(',')}\r\n${csvLine('LCG/2012/001', 'Camden PCT 100%')}\r\n"LCG/2012/002,unclosed`,
    );
    expect(broken.statusCode).toBe(400);
    expect(broken.json().errors[0].message).toMatch(/^line 3: the file cannot be read as CSV/);
    expect(await written()).toEqual(before);
  });
});
