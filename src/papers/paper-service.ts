import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import { type Actor, londonDate } from '../identity/index.ts';
import {
  type AgendaItemRecord,
  assertMayManage,
  type MeetingRecord,
  mayReadConfidentialItems,
  selectAgendaItems,
  selectMeeting,
  visibleAgenda,
} from '../meetings/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { type FieldProblem, invalidInput, notFound } from '../shared/problems.ts';
import {
  insertPaper,
  insertPaperVersion,
  lockPaper,
  selectLastVersion,
  selectPapersOfMeeting,
  selectPaperVersionContent,
  selectPaperWithItem,
  selectVersionsOfMeeting,
} from './paper-queries.ts';
import { checkPublication, checkUpload, type PublicationCheck } from './paper-rules.ts';

/** A file as the upload handler received it. */
export interface UploadedFile {
  fileName: string;
  content: Buffer;
  /** True when the upload went past the size limit and was cut off. */
  truncated: boolean;
}

export interface PaperVersionView {
  version: number;
  fileName: string;
  mediaType: string;
  byteLength: number;
  sha256: string;
  uploadedAt: string;
  publishedOn: string;
  publication: PublicationCheck;
  href: string;
}

export interface PaperView {
  id: string;
  title: string;
  latest: PaperVersionView;
  versions: PaperVersionView[];
}

export interface MeetingPapers {
  meeting: {
    id: string;
    title: string;
    startsAt: string;
    meetingOn: string;
    location: string;
    noticeGivenOn: string;
    urgencyReason: string | null;
    body: { slug: string; title: string };
  };
  items: (AgendaItemRecord & { papers: PaperView[] })[];
  hiddenConfidentialCount: number;
}

async function loadMeeting(db: Database, meetingId: string): Promise<MeetingRecord> {
  const meeting = await selectMeeting(db, meetingId);
  if (!meeting) throw notFound('meeting', meetingId);
  return meeting;
}

function fileProblem(message: string) {
  return invalidInput([{ field: 'file', message }]);
}

/**
 * Uploads a paper to an agenda item, or a new version of an existing paper: versions are numbered
 * 1, 2, 3… and earlier ones are kept. The file must be an allowed kind whose content matches its
 * name; otherwise nothing is stored and the refusal names the rule. Publishing fewer than 5 clear
 * working days before the meeting is reported, not refused.
 */
export async function uploadPaper(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  meetingId: string;
  /** A new paper goes on an item with a title; a new version names the paper instead. */
  agendaItemId?: string | undefined;
  title?: string | undefined;
  paperId?: string | undefined;
  file: UploadedFile | undefined;
}): Promise<{
  paperId: string;
  title: string;
  version: number;
  fileName: string;
  mediaType: string;
  byteLength: number;
  sha256: string;
  publication: PublicationCheck;
}> {
  const { db, context } = options;
  const meeting = await loadMeeting(db, options.meetingId);
  assertMayManage(options.actor, { slug: meeting.bodySlug, title: meeting.bodyTitle });
  const existing = options.paperId ? await selectPaperWithItem(db, options.paperId) : undefined;
  if (options.paperId && existing?.meetingId !== meeting.id) {
    throw invalidInput([
      { field: 'paperId', message: `That paper is not one of the papers for ${meeting.title}.` },
    ]);
  }
  const title = existing?.title ?? options.title?.trim() ?? '';
  const problems: FieldProblem[] = [];
  let item: AgendaItemRecord | undefined;
  if (!existing) {
    item = (await selectAgendaItems(db, meeting.id)).find(
      (candidate) => candidate.id === options.agendaItemId,
    );
    if (!item) {
      problems.push({
        field: 'agendaItemId',
        message: `Choose the item on the agenda of ${meeting.title} that the paper is for.`,
      });
    } else if (item.withdrawnAt) {
      problems.push({
        field: 'agendaItemId',
        message: `Item ${item.position}, “${item.title}”, was withdrawn from the agenda: it takes no papers.`,
      });
    }
    if (title === '') problems.push({ field: 'title', message: 'Enter the paper’s title.' });
    else if (title.length > 200) {
      problems.push({ field: 'title', message: 'Keep the title under 200 characters.' });
    }
  }
  const file = options.file;
  const check = checkUpload({
    fileName: file?.fileName ?? '',
    content: file?.content ?? Buffer.alloc(0),
    byteLength: file?.content.length ?? 0,
    truncated: file?.truncated ?? false,
  });
  if (!check.ok) problems.push({ field: 'file', message: check.message });
  if (problems.length > 0) throw invalidInput(problems);
  if (!check.ok || !file) throw fileProblem('Choose a file to upload.');

  const sha256 = createHash('sha256').update(file.content).digest('hex');
  const publication = checkPublication(londonDate(context.now), londonDate(meeting.startsAt));
  const paperId = existing?.id ?? uuidv7();
  const version = await db.transaction(async (transaction) => {
    if (existing) await lockPaper(transaction, existing.id);
    else {
      await insertPaper(transaction, {
        id: paperId,
        meetingId: meeting.id,
        agendaItemId: item?.id as string,
        title,
        createdAt: context.now,
      });
    }
    const next = (await selectLastVersion(transaction, paperId)) + 1;
    await insertPaperVersion(transaction, {
      id: uuidv7(),
      paperId,
      version: next,
      fileName: check.fileName,
      mediaType: check.mediaType,
      byteLength: file.content.length,
      sha256,
      content: file.content,
      uploadedBy: context.actor,
      uploadedAt: context.now,
    });
    await recordAuditEvents(transaction, context, [
      {
        action: 'meeting.paper-uploaded',
        entityType: 'meeting',
        entityId: meeting.id,
        after: {
          paperId,
          title,
          version: next,
          agendaItemId: existing?.agendaItemId ?? item?.id,
          fileName: check.fileName,
          mediaType: check.mediaType,
          byteLength: file.content.length,
          sha256,
          publication: publication.message,
        },
      },
    ]);
    return next;
  });
  return {
    paperId,
    title,
    version,
    fileName: check.fileName,
    mediaType: check.mediaType,
    byteLength: file.content.length,
    sha256,
    publication,
  };
}

/**
 * The papers of a meeting under their agenda items, as this reader may see them: papers of a
 * Part II item only for the body's own people, as the items themselves.
 */
export async function listPapers(options: {
  db: Database;
  actor: Actor;
  meetingId: string;
}): Promise<MeetingPapers> {
  const { db } = options;
  const meeting = await loadMeeting(db, options.meetingId);
  const meetingOn = londonDate(meeting.startsAt);
  const visible = visibleAgenda(
    await selectAgendaItems(db, meeting.id),
    mayReadConfidentialItems(options.actor, meeting.bodySlug),
  );
  const papers = await selectPapersOfMeeting(db, meeting.id);
  const versions = await selectVersionsOfMeeting(db, meeting.id);
  const views = new Map<string, PaperView & { agendaItemId: string }>();
  for (const paper of papers) {
    const paperVersions = versions
      .filter((version) => version.paperId === paper.id)
      .map((version): PaperVersionView => {
        const publishedOn = londonDate(version.uploadedAt);
        return {
          version: version.version,
          fileName: version.fileName,
          mediaType: version.mediaType,
          byteLength: version.byteLength,
          sha256: version.sha256,
          uploadedAt: version.uploadedAt.toISOString(),
          publishedOn,
          publication: checkPublication(publishedOn, meetingOn),
          href: `/papers/${paper.id}/versions/${version.version}`,
        };
      });
    const latest = paperVersions.at(-1);
    if (!latest) continue;
    views.set(paper.id, {
      id: paper.id,
      agendaItemId: paper.agendaItemId,
      title: paper.title,
      latest,
      versions: paperVersions,
    });
  }
  return {
    meeting: {
      id: meeting.id,
      title: meeting.title,
      startsAt: meeting.startsAt.toISOString(),
      meetingOn,
      location: meeting.location,
      noticeGivenOn: meeting.noticeGivenOn,
      urgencyReason: meeting.urgencyReason,
      body: { slug: meeting.bodySlug, title: meeting.bodyTitle },
    },
    items: visible.items.map((item) => ({
      ...item,
      papers: [...views.values()]
        .filter((paper) => paper.agendaItemId === item.id)
        .map(({ agendaItemId: _agendaItemId, ...paper }) => paper),
    })),
    hiddenConfidentialCount: visible.hiddenConfidentialCount,
  };
}

/**
 * One version of a paper, with its content, for download. A paper of a Part II item is not found
 * for anyone outside the body's own people: its existence is as private as the item.
 */
export async function getPaperVersion(options: {
  db: Database;
  actor: Actor;
  paperId: string;
  version: number;
}): Promise<{ fileName: string; mediaType: string; sha256: string; content: Buffer }> {
  const paper = await selectPaperWithItem(options.db, options.paperId);
  if (
    !paper ||
    (paper.isConfidential && !mayReadConfidentialItems(options.actor, paper.bodySlug))
  ) {
    throw notFound('paper', options.paperId);
  }
  const version = await selectPaperVersionContent(options.db, paper.id, options.version);
  if (!version) throw notFound('paper version', `${options.paperId} version ${options.version}`);
  return {
    fileName: version.fileName,
    mediaType: version.mediaType,
    sha256: version.sha256,
    content: version.content,
  };
}
