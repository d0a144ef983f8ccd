/**
 * The face of constitutions — the constitution presets quoted from the source documents, and loading a constitution from YAML.
 * What other capabilities, the seeds, the CLI and the composition root may use; everything else in
 * this folder is its own business (decision 019).
 */
export {
  formatFileErrors,
  type LoadConstitutionResult,
  parseConstitutionYaml,
} from './load-constitution.ts';
export { listPresets, presetsDirectory, resolveConstitution } from './presets.ts';
