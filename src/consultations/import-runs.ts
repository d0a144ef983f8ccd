/**
 * The imports running in this server process, in memory: the page starts one after the upload is
 * received and answers at once; the run's page then polls (a meta refresh, no JavaScript) the lines
 * read so far, and shows the outcome when it ends. A run is the uploader's to see, kept an hour.
 * A restart forgets running imports — their transaction rolls back with the process, so nothing is
 * half-imported; the person uploads again (decision 051).
 */
import { randomBytes } from 'node:crypto';
import type { ImportOutcome, ImportProgress } from './import-responses.ts';

export interface ImportRun {
  id: string;
  consultationSlug: string;
  accountId: string;
  fileName: string;
  fileBytes: number;
  startedAt: Date;
  state: 'running' | 'finished' | 'refused';
  progress: ImportProgress;
  outcome?: ImportOutcome;
  problems: string[];
  detail?: string;
}

const keptForMs = 60 * 60 * 1000;
const keptAtMost = 100;

export function createImportRuns() {
  const runs = new Map<string, ImportRun>();
  const forget = () => {
    const oldest = Date.now() - keptForMs;
    for (const [id, run] of runs) {
      if (run.state !== 'running' && (run.startedAt.getTime() < oldest || runs.size > keptAtMost)) {
        runs.delete(id);
      }
    }
  };
  return {
    start(facts: Omit<ImportRun, 'id' | 'state' | 'progress' | 'problems'>): ImportRun {
      forget();
      const run: ImportRun = {
        ...facts,
        id: randomBytes(12).toString('base64url'),
        state: 'running',
        progress: { linesRead: 0, bytesRead: 0, responsesChecked: 0, badLines: 0 },
        problems: [],
      };
      runs.set(run.id, run);
      return run;
    },
    get(id: string): ImportRun | undefined {
      return runs.get(id);
    },
  };
}
