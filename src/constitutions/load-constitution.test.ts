import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  formatFileErrors,
  loadConstitutionFile,
  parseConstitutionYaml,
} from './load-constitution.ts';
import { presetsDirectory } from './presets.ts';

const presetFile = `${presetsDirectory}london-commissioning-group-2008.yaml`;

/** The 2008 preset with one line changed; the line number of the change is returned too. */
async function presetWith(
  find: string,
  replace: string,
): Promise<{ source: string; line: number }> {
  const source = await readFile(presetFile, 'utf8');
  const index = source.indexOf(find);
  if (index < 0) throw new Error(`"${find}" is not in the preset`);
  return {
    source: source.slice(0, index) + replace + source.slice(index + find.length),
    line: source.slice(0, index).split('\n').length,
  };
}

async function errorsFor(find: string, replace: string) {
  const { source, line } = await presetWith(find, replace);
  const result = await parseConstitutionYaml(source, { file: presetFile });
  if (result.ok) throw new Error('expected the constitution to be refused');
  return { errors: result.errors, line };
}

describe('loading a constitution file', () => {
  it('loads a preset', async () => {
    const result = await loadConstitutionFile(presetFile);
    expect(result.ok).toBe(true);
  });

  it('refuses an unknown role with its line and the reason', async () => {
    const { errors, line } = await errorsFor(
      'atLeast: { count: 8, roles: [london-pct-chief-executives] }',
      'atLeast: { count: 8, roles: [london-pct-chairs] }',
    );
    expect(errors).toEqual([
      expect.objectContaining({
        line,
        path: 'quorum.rule.allOf[1].atLeast.roles[0]',
        message: expect.stringContaining('unknown role "london-pct-chairs"'),
      }),
    ]);
  });

  it('refuses a contradictory count with its line and the reason', async () => {
    const { errors, line } = await errorsFor(
      'count: { exactly: 10 }\n    perSector: { exactly: 2 }',
      'count: { exactly: 10 }\n    perSector: { exactly: 3 }',
    );
    expect(errors[0]).toMatchObject({
      line: line + 1,
      path: 'seatGroups[0].perSector',
      message: expect.stringContaining(
        'contradictory count: exactly 3 per sector across 5 sectors is exactly 15',
      ),
    });
  });

  it('refuses a threshold above 1 with its line and the reason', async () => {
    const { errors, line } = await errorsFor(
      'threshold: { numerator: 3, denominator: 4 }',
      'threshold: { numerator: 4, denominator: 3 }',
    );
    expect(errors).toEqual([
      expect.objectContaining({
        line,
        message: expect.stringContaining('a threshold cannot be above 1: 4/3'),
      }),
    ]);
  });

  it('refuses a ladder step naming a body that does not exist, with its line', async () => {
    const { errors, line } = await errorsFor(
      'by: nhs-london\n          when: endOfReview',
      'by: strategic-authority\n          when: endOfReview',
    );
    // The ladder is shared (a YAML alias) by service development and major reconfiguration.
    expect(errors).toEqual([
      expect.objectContaining({
        line,
        path: 'disputes.categories[1].ladder[2].by',
        message: expect.stringContaining('unknown body "strategic-authority"'),
      }),
      expect.objectContaining({ line, path: 'disputes.categories[2].ladder[2].by' }),
    ]);
  });

  it('points at an unknown field itself', async () => {
    const { errors, line } = await errorsFor(
      '  cadence:\n    every: month',
      '  cadence:\n    every: month\n    weekday: tuesday',
    );
    expect(errors).toEqual([
      expect.objectContaining({ line: line + 2, column: 5, message: 'unknown field "weekday"' }),
    ]);
  });

  it('reports YAML syntax errors with their line', async () => {
    const result = await parseConstitutionYaml('formatVersion: 1\nidentity:\n  id: [unclosed\n', {
      file: 'broken.yaml',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors[0]).toMatchObject({ file: 'broken.yaml', code: 'yaml' });
      expect(result.errors[0]?.line).toBeGreaterThanOrEqual(3);
    }
  });

  it('formats errors as file:line:column, message and path', async () => {
    const { errors, line } = await errorsFor(
      'threshold: { numerator: 3, denominator: 4 }',
      'threshold: { numerator: 4, denominator: 3 }',
    );
    expect(formatFileErrors(errors)).toMatch(
      new RegExp(
        `london-commissioning-group-2008\\.yaml:${line}:\\d+  a threshold cannot be above 1`,
      ),
    );
  });

  it('says when the file cannot be read', async () => {
    const result = await loadConstitutionFile('/nonexistent/constitution.yaml');
    expect(result.ok ? [] : result.errors[0]?.message).toBe('cannot read the file (ENOENT)');
  });

  describe('extends', () => {
    const template = 'local-commissioning-group-2006.template.yaml';
    const sectorFile = `${presetsDirectory}local-commissioning-group-2006-north-west.yaml`;

    it('takes the template’s sections and the file’s own', async () => {
      const result = await loadConstitutionFile(sectorFile);
      if (!result.ok) throw new Error(formatFileErrors(result.errors));
      expect(result.constitution.identity.id).toBe('north-west-local-commissioning-group');
      expect(result.constitution.quorum.clause).toBe('SI 2000/89 Sch 2');
    });

    it('reports an error in the file its section came from', async () => {
      const child = (await readFile(sectorFile, 'utf8')).replace(
        'sector: north-west\n',
        'sector: north-by-north-west\n',
      );
      const result = await parseConstitutionYaml(child, { file: sectorFile });
      expect(result.ok ? [] : result.errors[0]).toMatchObject({
        file: sectorFile,
        path: 'constituents[0].sector',
      });

      const brokenTemplate = (await readFile(`${presetsDirectory}${template}`, 'utf8')).replace(
        'by: nhs-london\n',
        'by: nobody\n',
      );
      const fromTemplate = await parseConstitutionYaml(await readFile(sectorFile, 'utf8'), {
        file: sectorFile,
        readTemplate: async () => brokenTemplate,
      });
      expect(fromTemplate.ok ? [] : fromTemplate.errors[0]).toMatchObject({
        file: `${presetsDirectory}${template}`,
        path: 'disputes.categories[1].ladder[2].by',
      });
    });

    it('refuses a template that cannot be read, or that itself extends another file', async () => {
      const missing = await parseConstitutionYaml('extends: ./nowhere.yaml\n', {
        file: sectorFile,
      });
      expect(missing.ok ? [] : missing.errors[0]).toMatchObject({
        line: 1,
        code: 'extends',
        message: 'cannot read the template ./nowhere.yaml',
      });
      const chained = await parseConstitutionYaml('extends: ./a.yaml\n', {
        file: sectorFile,
        readTemplate: async () => 'extends: ./b.yaml\n',
      });
      expect(chained.ok ? [] : chained.errors[0]?.message).toContain('only one level is allowed');
    });
  });
});
