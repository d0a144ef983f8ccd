/**
 * Reads constitution files (YAML) and hands them to the pure validator, translating every issue's
 * path into the file, line and column a person can go to. A file may `extends:` a template in
 * the same folder (the 2006 Local Commissioning Group has one template and a file per sector): the
 * template's top-level sections are taken and the file's own sections replace them whole, so each
 * error is reported in the file its section came from.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
} from 'yaml';
import {
  type Constitution,
  type ConstitutionIssueCode,
  parseConstitution,
} from '../governance/index.ts';
import { findUnstorableText } from '../shared/input.ts';

/** A problem in a constitution file, with where it is. */
export interface ConstitutionFileError {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The path of the offending value, e.g. `quorum.rule.allOf[1].atLeast.roles[0]`. */
  readonly path: string;
  readonly message: string;
  readonly code: ConstitutionIssueCode | 'yaml' | 'extends';
}

export type LoadConstitutionResult =
  | { readonly ok: true; readonly constitution: Constitution; readonly file: string }
  | { readonly ok: false; readonly errors: readonly ConstitutionFileError[] };

interface ParsedFile {
  readonly file: string;
  readonly document: Document.Parsed;
  readonly lines: LineCounter;
  readonly value: unknown;
}

export interface ParseConstitutionYamlOptions {
  /** The file's name, for error messages and to resolve `extends` relative to it. */
  readonly file: string;
  /** Reads an extended template; defaults to the file system. */
  readonly readTemplate?: (path: string) => Promise<string>;
}

function formatPath(path: ReadonlyArray<string | number>): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`))
    .join('');
}

function parseYaml(source: string, file: string): ParsedFile | ConstitutionFileError[] {
  const lines = new LineCounter();
  const document = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  if (document.errors.length > 0) {
    return document.errors.map((error) => {
      const position = lines.linePos(error.pos[0]);
      return {
        file,
        line: position.line,
        column: position.col,
        path: '',
        message: error.message.split('\n')[0] ?? error.message,
        code: 'yaml',
      };
    });
  }
  const value = document.toJS();
  // YAML escapes ("\0", "\ud800") can write what no database text holds; refused with the line.
  const unstorable = findUnstorableText(value);
  if (unstorable.length > 0) {
    return unstorable.map(({ path, message }) => ({
      file,
      ...locate({ document, lines }, path),
      path: formatPath(path),
      message,
      code: 'yaml',
    }));
  }
  return { file, document, lines, value };
}

/** The line and column of the value at `path`, or of the nearest enclosing value that exists. */
export function locate(
  parsed: { readonly document: Document.Parsed; readonly lines: LineCounter },
  path: ReadonlyArray<string | number>,
): { line: number; column: number } {
  let node: Node | null | undefined = parsed.document.contents;
  let offset = node?.range?.[0] ?? 0;
  for (const key of path) {
    if (isAlias(node)) node = node.resolve(parsed.document);
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(key),
      );
      if (!pair) break;
      const keyNode = pair.key as Node;
      offset = keyNode.range?.[0] ?? offset;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  const position = parsed.lines.linePos(offset);
  return { line: position.line, column: position.col };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Validate a constitution given as YAML text. Errors carry the file, line and column of the
 * offending value (for a missing field, of the section it is missing from).
 */
export async function parseConstitutionYaml(
  source: string,
  options: ParseConstitutionYamlOptions,
): Promise<LoadConstitutionResult> {
  const child = parseYaml(source, options.file);
  if (Array.isArray(child)) return { ok: false, errors: child };
  if (!isRecord(child.value)) {
    return {
      ok: false,
      errors: [
        {
          file: options.file,
          line: 1,
          column: 1,
          path: '',
          message: 'a constitution is a YAML mapping of sections',
          code: 'yaml',
        },
      ],
    };
  }
  let merged: Record<string, unknown> = child.value;
  const origin = new Map<string, ParsedFile>();
  for (const key of Object.keys(child.value)) origin.set(key, child);

  const extendsValue = child.value.extends;
  if (extendsValue !== undefined) {
    const at = locate(child, ['extends']);
    const refuse = (message: string): LoadConstitutionResult => ({
      ok: false,
      errors: [{ file: options.file, ...at, path: 'extends', message, code: 'extends' }],
    });
    if (typeof extendsValue !== 'string')
      return refuse(
        'extends names a template file, e.g. ./local-commissioning-group-2006.template.yaml',
      );
    const templateFile = resolve(dirname(options.file), extendsValue);
    let templateSource: string;
    try {
      templateSource = await (options.readTemplate ?? ((path) => readFile(path, 'utf8')))(
        templateFile,
      );
    } catch {
      return refuse(`cannot read the template ${extendsValue}`);
    }
    const template = parseYaml(templateSource, templateFile);
    if (Array.isArray(template)) return { ok: false, errors: template };
    if (!isRecord(template.value))
      return refuse(`the template ${extendsValue} is not a YAML mapping`);
    if (template.value.extends !== undefined)
      return refuse(`the template ${extendsValue} extends another file; only one level is allowed`);
    const { extends: _ignored, ...own } = child.value;
    merged = { ...template.value, ...own };
    for (const key of Object.keys(template.value)) if (!(key in own)) origin.set(key, template);
    origin.delete('extends');
  }

  const result = parseConstitution(merged);
  if (result.ok) return { ok: true, constitution: result.constitution, file: options.file };
  const errors = result.issues.map((issue): ConstitutionFileError => {
    const [section] = issue.path;
    const parsed = (typeof section === 'string' ? origin.get(section) : undefined) ?? child;
    return {
      file: parsed.file,
      ...locate(parsed, issue.path),
      path: formatPath(issue.path),
      message: issue.message,
      code: issue.code,
    };
  });
  // In reading order, file by file, so a person can work down the file.
  errors.sort(
    (left, right) =>
      left.file.localeCompare(right.file) || left.line - right.line || left.column - right.column,
  );
  return { ok: false, errors };
}

/** Read and validate a constitution file. */
export async function loadConstitutionFile(file: string): Promise<LoadConstitutionResult> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    return {
      ok: false,
      errors: [
        {
          file,
          line: 0,
          column: 0,
          path: '',
          message: `cannot read the file (${reason})`,
          code: 'yaml',
        },
      ],
    };
  }
  return parseConstitutionYaml(source, { file });
}

/** "file:line:column  message (at path)" per error, one a line. */
export function formatFileErrors(errors: readonly ConstitutionFileError[]): string {
  return errors
    .map(
      (error) =>
        `${error.file}:${error.line}:${error.column}  ${error.message}${error.path ? ` (at ${error.path})` : ''}`,
    )
    .join('\n');
}
