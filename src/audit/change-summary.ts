export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

function show(value: unknown): string {
  if (value === undefined) return '—';
  if (value === null) return 'none';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The fields an event changed, for a person reading an audit trail: created, changed or removed. */
export function summariseChange(before: unknown, after: unknown): FieldChange[] {
  const beforeFields = isRecord(before) ? before : {};
  const afterFields = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(beforeFields), ...Object.keys(afterFields)])];
  return fields
    .filter((field) => JSON.stringify(beforeFields[field]) !== JSON.stringify(afterFields[field]))
    .map((field) => ({
      field,
      before: show(beforeFields[field]),
      after: show(afterFields[field]),
    }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
