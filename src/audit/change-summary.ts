/**
 * An audited change as a person reads it (issue 22, item 5): one "field: before → after" line per
 * field that changed, the field named in words and each value in words — a record's title for
 * its id, a London date for a stored instant, "yes" for true — never raw JSON, a UUID or a
 * camelCase id. Pure: the titles of the ids and slugs involved are passed in.
 */
export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

/** Titles of the records an event names, by id (or slug, for bodies and sectors). */
export type RecordNames = ReadonlyMap<string, string>;

const noNames: RecordNames = new Map();

/** Labels for the fields events are known to carry; any other field is put into words. */
const fieldLabels: Record<string, string> = {
  accountId: 'Account',
  adoptedOn: 'Date adopted',
  agendaItemId: 'Agenda item',
  agreedMinuteReference: 'Minute reference',
  agreedOn: 'Date agreed',
  approvedAt: 'Approved',
  aroseOn: 'Date it arose',
  asksForViews: 'Asks for views',
  ballot: 'Ballot',
  bodyId: 'Body',
  bodySlug: 'Body',
  boardOrganisationId: 'Board',
  castingVote: 'Casting vote',
  choice: 'Vote',
  closedAt: 'Closed',
  completedOn: 'Date done',
  decidedOn: 'Date decided',
  declaredOn: 'Date declared',
  decisionKind: 'Kind of decision',
  deputyForHoldingId: 'Deputy for',
  distributedAt: 'Distributed',
  dueOn: 'Due on',
  email: 'E-mail',
  endedOn: 'Date ended',
  endsOn: 'Last day',
  grantorHoldingId: 'Granted by',
  heldOn: 'Date held',
  isAdministrator: 'Administrator',
  isConfidential: 'Part II (confidential)',
  meetingId: 'Meeting',
  meetingOn: 'Meeting date',
  method: 'Method',
  minuteReference: 'Minute reference',
  noticeGivenOn: 'Notice given on',
  odsCode: 'ODS code',
  openedAt: 'Opened',
  organisationId: 'Organisation',
  outcome: 'Outcome',
  ownerPersonId: 'Owner',
  personId: 'Person',
  position: 'Position',
  proposalId: 'Question',
  proxyHoldingId: 'Proxy',
  raisedOn: 'Date raised',
  seatHoldingId: 'Member',
  seatRole: 'Seat',
  sectorId: 'Sector',
  startedOn: 'Date started',
  startsAt: 'Starts',
  startsOn: 'First day',
  stepId: 'Step',
  takenOn: 'Date taken',
  voterId: 'Voter',
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;
const isoInstantPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const slugPattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/;
const camelCasePattern = /^[a-z]+([A-Z][a-z0-9]*)+$/;
/** Longer values are cut: a trail line is a summary, the record itself is on its page. */
const longestValue = 300;

const londonDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const londonDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const wholeNumber = new Intl.NumberFormat('en-GB');

/** "noticeGivenOn" reads "Notice given on"; "sector_id" or "sectorId" reads "Sector". */
export function fieldLabel(field: string): string {
  const known = fieldLabels[field];
  if (known) return known;
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/ id$/, '');
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'Value';
}

/** An identifier-shaped word in words: "notAgreed" reads "not agreed", "a-b" reads "a b". */
export function humanise(word: string): string {
  return word
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/-/g, ' ')
    .toLowerCase();
}

/** One value in words, as a trail line shows it. */
export function describeValue(value: unknown, names: RecordNames = noNames): string {
  const text = describe(value, names);
  return text.length > longestValue ? `${text.slice(0, longestValue - 1).trimEnd()}…` : text;
}

function describe(value: unknown, names: RecordNames): string {
  if (value === undefined) return '—';
  if (value === null) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return wholeNumber.format(value);
  if (typeof value === 'string') return describeText(value, names);
  if (Array.isArray(value)) {
    return value.length ? value.map((item) => describe(item, names)).join(', ') : 'none';
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (!entries.length) return 'none';
    return entries
      .map(([field, item]) => `${fieldLabel(field).toLowerCase()} ${describe(item, names)}`)
      .join('; ');
  }
  return String(value);
}

function describeText(text: string, names: RecordNames): string {
  const named = names.get(text);
  if (named) return named;
  if (text === '') return 'blank';
  if (uuidPattern.test(text)) return 'a record not shown here';
  if (isoDatePattern.test(text)) return londonDate.format(new Date(`${text}T12:00:00Z`));
  if (isoInstantPattern.test(text)) return londonDateTime.format(new Date(text));
  if (slugPattern.test(text) || camelCasePattern.test(text)) return humanise(text);
  // An address, or an identifier found inside free text, is named where its title is known.
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, (id) => {
      return names.get(id.toLowerCase()) ?? 'a record';
    })
    .replace(/`+([^`]*)`+/g, '$1')
    .replaceAll('`', '');
}

/** The fields an event changed, for a person reading an audit trail: created, changed or removed. */
export function summariseChange(
  before: unknown,
  after: unknown,
  names: RecordNames = noNames,
): FieldChange[] {
  const beforeFields = isRecord(before) ? before : {};
  const afterFields = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(beforeFields), ...Object.keys(afterFields)])];
  return fields
    .filter((field) => JSON.stringify(beforeFields[field]) !== JSON.stringify(afterFields[field]))
    .map((field) => ({
      field: fieldLabel(field),
      before: describeValue(beforeFields[field], names),
      after: describeValue(afterFields[field], names),
    }));
}

/** Every id and slug-like word an event's values hold, for looking up their titles. */
export function identifiersIn(...values: unknown[]): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (uuidPattern.test(value)) found.add(value.toLowerCase());
      else if (slugPattern.test(value) || /^[a-z]+$/.test(value)) found.add(value);
      else
        for (const id of value.match(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/gi) ?? []) {
          found.add(id.toLowerCase());
        }
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (isRecord(value)) Object.values(value).forEach(visit);
  };
  values.forEach(visit);
  return [...found];
}

/** Who made a change, from the audit's actor: the account's name where it is known. */
export function actorInWords(actor: string, names: RecordNames = noNames): string {
  const account = /^account:([0-9a-f-]{36})/i.exec(actor);
  if (account) return names.get(account[1]!.toLowerCase()) ?? 'An account';
  const systemActors: Record<string, string> = {
    seed: 'Concordat set-up',
    cli: 'An administrator at the command line',
    api: 'The API',
    anonymous: 'Someone not signed in',
    migration: 'A database upgrade',
  };
  return systemActors[actor] ?? humanise(actor.replace(/[^a-z0-9 -]/gi, ' ').trim());
}

const entityWords: Record<string, string> = {
  'api-token': 'API token',
  proposal: 'Question',
  proxy: 'Proxy',
  vote: 'Vote',
  audit: 'Audit',
};

/** What was done, in words: "meeting.agenda-item-added" reads "Meeting: agenda item added". */
export function actionInWords(action: string): string {
  const dot = action.indexOf('.');
  if (dot < 0) return sentence(humanise(action));
  const entity = action.slice(0, dot);
  const what = humanise(action.slice(dot + 1).replace(/\./g, ' '));
  return `${entityWords[entity] ?? sentence(humanise(entity))}: ${what}`;
}

function sentence(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The account ids an audit actor names. */
export function accountIdOfActor(actor: string): string | undefined {
  return /^account:([0-9a-f-]{36})/i.exec(actor)?.[1]?.toLowerCase();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
