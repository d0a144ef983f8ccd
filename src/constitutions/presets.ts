/**
 * The preset constitutions shipped in `constitutions/`: the bodies of the seeds (the 2006 Local
 * Commissioning Groups, one per sector; the London Commissioning Group in its 2006 and 2008
 * versions; the 2008 Joint Committee of PCTs) and a default NHS standing-orders body. A preset's
 * id is its file name without `.yaml`; templates (`*.template.yaml`) are not presets themselves.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LoadConstitutionResult, loadConstitutionFile } from './load-constitution.ts';

export const presetsDirectory = fileURLToPath(new URL('../../constitutions/', import.meta.url));

export interface PresetEntry {
  readonly id: string;
  readonly file: string;
}

/** Every preset in the directory, by id, in name order. */
export async function listPresets(directory: string = presetsDirectory): Promise<PresetEntry[]> {
  const names = await readdir(directory);
  return names
    .filter((name) => name.endsWith('.yaml') && !name.endsWith('.template.yaml'))
    .sort()
    .map((name) => ({ id: name.slice(0, -'.yaml'.length), file: join(directory, name) }));
}

/** Load one preset by id, e.g. `london-commissioning-group-2008`. */
export async function loadPreset(
  id: string,
  directory: string = presetsDirectory,
): Promise<LoadConstitutionResult> {
  const presets = await listPresets(directory);
  const preset = presets.find((entry) => entry.id === id);
  if (!preset) {
    return {
      ok: false,
      errors: [
        {
          file: id,
          line: 0,
          column: 0,
          path: '',
          message: `no such file or preset; the presets are ${presets.map((entry) => entry.id).join(', ')}`,
          code: 'yaml',
        },
      ],
    };
  }
  return loadConstitutionFile(preset.file);
}

/** A constitution named by file path, or else by preset id. */
export async function resolveConstitution(
  fileOrPresetId: string,
  directory: string = presetsDirectory,
): Promise<LoadConstitutionResult> {
  const isFile = await stat(fileOrPresetId).then(
    (info) => info.isFile(),
    () => false,
  );
  return isFile ? loadConstitutionFile(fileOrPresetId) : loadPreset(fileOrPresetId, directory);
}
