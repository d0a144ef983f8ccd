/**
 * Use case: import contracts from a CSV file (the columns in docs/contracts.md), read as a stream
 * and checked line by line against the same rules as a contract recorded by hand. All or nothing:
 * one transaction; if any line breaks a rule, nothing is imported and every bad line is named with
 * its line number and the rule it breaks ("line 7: the commissioners' shares sum to 99.50%, not
 * 100%…"). References must be new to the register; a line may extend a contract of an earlier one.
 */
import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database, Transaction } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { type FieldProblem, invalidInput, isUniqueViolation } from '../shared/problems.ts';
import { type Catalogue, checkContract } from './contract-check.ts';
import {
  type CommissionerRow,
  type ContractRow,
  type ExtensionOptionRow,
  insertContracts,
  selectOrganisationsOfTypes,
  selectReferences,
  selectVersionFacts,
} from './contract-queries.ts';
import { contractingClause, primaryCareTrust, providerTypes } from './contract-rules.ts';
import { type CsvLookups, contractFromCsv, headerProblems } from './csv-rules.ts';
import { refuseUnlessMayKeepContracts } from './record-contract.ts';

/** Lines checked between progress reports, and contracts written per statement. */
const progressEvery = 1000;
const batchSize = 250;
/** The bad lines named at most: past this the refusal says how many more there were. */
const namedAtMost = 200;

export interface ImportContractsOptions {
  db: Database;
  context: ActionContext;
  actor: Actor;
  /** The CSV file's bytes, as a stream (a file, an upload). */
  input: Readable;
  progress?: (message: string) => void;
}

export interface ImportResult {
  imported: number;
  references: string[];
}

/** "line 7: the commissioners' shares…": a sentence continued after the line number. */
function onLine(line: number, message: string): FieldProblem {
  const continued = /^(The|A|An|There|Choose|Name|Give|Enter) /.test(message)
    ? `${message.charAt(0).toLowerCase()}${message.slice(1)}`
    : message;
  return { field: 'file', message: `line ${line}: ${continued}` };
}

async function catalogueOfRegister(db: Database) {
  const organisations = await selectOrganisationsOfTypes(db, [...providerTypes, primaryCareTrust]);
  const versions = await selectVersionFacts(db);
  const byName = new Map<string, (typeof organisations)[number]>();
  for (const organisation of organisations) {
    byName.set(organisation.name.toLowerCase(), organisation);
    if (organisation.odsCode) byName.set(organisation.odsCode.toLowerCase(), organisation);
  }
  const lookups: CsvLookups = {
    organisation: (nameOrCode) => byName.get(nameOrCode.trim().toLowerCase()),
    version: (title, version) =>
      versions.find(
        (each) =>
          each.title.toLowerCase() === title.trim().toLowerCase() && each.version === version,
      ),
  };
  const catalogue: Catalogue = {
    organisations: new Map(organisations.map((each) => [each.id, each])),
    versions: new Map(versions.map((each) => [each.id, each])),
    references: await selectReferences(db),
  };
  return { lookups, catalogue };
}

type Pending = {
  contract: ContractRow;
  commissioners: CommissionerRow[];
  options: ExtensionOptionRow[];
};

export async function importContracts(options: ImportContractsOptions): Promise<ImportResult> {
  const { db, context, actor } = options;
  const progress = options.progress ?? (() => {});
  const scope = await refuseUnlessMayKeepContracts({ db, actor, now: context.now });
  const { lookups, catalogue } = await catalogueOfRegister(db);
  const today = londonDate(context.now);
  const problems: FieldProblem[] = [];
  let badLines = 0;
  const references: string[] = [];
  const complain = (line: number, messages: readonly string[]) => {
    badLines += 1;
    if (badLines <= namedAtMost)
      for (const message of messages) problems.push(onLine(line, message));
  };

  const write = async (transaction: Transaction, pending: Pending[]) => {
    await insertContracts(transaction, pending);
    await recordAuditEvents(
      transaction,
      context,
      pending.map((each) => ({
        action: 'contract.imported',
        entityType: 'contract',
        entityId: each.contract.id,
        after: {
          ...each.contract,
          commissioners: each.commissioners,
          extensionOptions: each.options,
          clause: contractingClause.clause,
        },
      })),
    );
  };

  let header: string[] = [];
  const parser = options.input.pipe(
    parse({
      bom: true,
      columns: (names: string[]) => {
        header = names.map((name) => name.trim().toLowerCase());
        return header;
      },
      info: true,
      skip_empty_lines: true,
      trim: true,
    }),
  );

  // When the loop stops early (a wrong header) the parser may still report the rest of the file's
  // faults after nobody reads it; the refusal already answers them, so they are not left unhandled.
  parser.on('error', () => {});

  const lineOfReference = new Map<string, number>();
  try {
    await db.transaction(async (transaction) => {
      let pending: Pending[] = [];
      let linesRead = 0;
      let previousEnd = 1;
      let previousEmpty = 0;
      let headerChecked = false;
      try {
        for await (const { record, info } of parser as AsyncIterable<{
          record: Record<string, string>;
          info: { lines: number; empty_lines: number };
        }>) {
          if (!headerChecked) {
            headerChecked = true;
            const wrong = headerProblems(header);
            if (wrong.length) {
              problems.push(...wrong.map((message) => ({ field: 'file', message })));
              break;
            }
          }
          const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
          previousEnd = info.lines;
          previousEmpty = info.empty_lines;
          linesRead += 1;
          if (linesRead % progressEvery === 0) {
            progress(`Checked ${linesRead.toLocaleString('en-GB')} contracts…`);
          }
          const read = contractFromCsv(record, lookups);
          if (!read.ok) {
            complain(line, read.problems);
            continue;
          }
          const checked = checkContract({ input: read.input, catalogue, scope, today });
          if (!checked.ok) {
            complain(
              line,
              checked.problems.map((problem) => problem.message),
            );
            continue;
          }
          const contractId = uuidv7();
          catalogue.references.set(checked.contract.reference.toLowerCase(), contractId);
          references.push(checked.contract.reference);
          lineOfReference.set(checked.contract.reference.toLowerCase(), line);
          // Once a line is bad nothing will be written: keep checking, stop writing.
          if (badLines > 0) continue;
          pending.push({
            contract: {
              ...checked.contract,
              id: contractId,
              createdAt: context.now,
              updatedAt: context.now,
            },
            commissioners: checked.commissioners.map((each) => ({ ...each, contractId })),
            options: checked.options.map((each) => ({ ...each, contractId })),
          });
          if (pending.length >= batchSize) {
            await write(transaction, pending);
            pending = [];
          }
        }
      } catch (error) {
        if (!(error instanceof CsvError)) throw error;
        problems.push({
          field: 'file',
          // The parser says where it stopped; the lines before it are checked above.
          message: `line ${(error as CsvError & { lines?: number }).lines ?? previousEnd + 1}: the file cannot be read as CSV (${error.message}).`,
        });
      }
      if (!headerChecked && problems.length === 0) {
        problems.push({
          field: 'file',
          message:
            'The file has no contracts: give a header row and one line per contract (docs/contracts.md).',
        });
      }
      if (badLines > namedAtMost) {
        problems.push({
          field: 'file',
          message: `…and ${badLines - namedAtMost} more lines with problems.`,
        });
      }
      if (problems.length > 0) {
        progress(
          `Refused: ${badLines} bad line${badLines === 1 ? '' : 's'}; nothing was imported.`,
        );
        throw invalidInput(
          problems,
          `Nothing was imported: ${problems.length === 1 ? 'one problem' : `${problems.length} problems`} in the file. ${problems
            .slice(0, 3)
            .map((each) => each.message)
            .join(' ')}`,
        );
      }
      await write(transaction, pending);
      progress(`Checked ${linesRead.toLocaleString('en-GB')} contracts; all imported.`);
    });
  } catch (error) {
    // The references were checked new when the import began; one recorded by someone else while
    // it ran meets the register's unique index. The import rolled back; say which line it was.
    if (!isUniqueViolation(error)) throw error;
    const taken = referenceInViolation(error);
    const line = taken === undefined ? undefined : lineOfReference.get(taken);
    throw invalidInput([
      {
        field: 'file',
        message: `${line === undefined ? 'A line' : `line ${line}`}: the reference ${taken ?? 'it gives'} was recorded in the register by someone else while the file was being imported; each contract has its own reference. Nothing was imported.`,
      },
    ]);
  }
  return { imported: references.length, references };
}

/** The lower-cased reference a unique violation names ("Key (lower(reference))=(lcg/1) …"). */
export function referenceInViolation(error: unknown): string | undefined {
  for (let current = error; current && typeof current === 'object'; ) {
    const detail = (current as { detail?: unknown }).detail;
    const match = typeof detail === 'string' ? /=\((.*)\) already exists/.exec(detail) : null;
    if (match) return match[1];
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
