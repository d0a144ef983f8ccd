/**
 * Keeps the electorate of every open question ready on this app instance, so no vote waits for
 * it to load.
 *
 * A vote is judged against its question's electorate (the seats, attendance and interests, and
 * the engine's ballot roll), kept between votes while no fact changes (src/db/facts-cache.ts).
 * Loading it for a 2,000-seat meeting takes the better part of a second, and the first vote
 * after a question opens, with every vote arriving while it loads, would wait for it (the slowest
 * votes in bench/results/latest.md were exactly those). So every instance listens for meeting
 * changes (the NOTIFY each change sends, meeting-changes.ts), and after any change other than a
 * vote — a question opened, attendance recorded — loads that meeting's open questions again in
 * the background. At start it loads every open question before the instance serves, so one
 * started mid-vote is ready for its first vote.
 */
import type { DatabaseHandle } from '../db/connection.ts';
import { meetingChangesChannel, parseMeetingChange } from '../db/meeting-changes.ts';
import { prepareOpenQuestions } from './prepare-open-questions.ts';

export interface VotingPreparer {
  /** Stops listening and waits for loads in progress. */
  stop(): Promise<void>;
}

export async function startVotingPreparer(options: {
  database: DatabaseHandle;
  logger: { warn(obj: object, msg: string): void };
}): Promise<VotingPreparer> {
  const { db } = options.database;
  /** The load in progress per meeting ('' for all), and whether a change came in meanwhile. */
  const running = new Map<string, { again: boolean; done: Promise<void> }>();

  const prepare = (meetingId: string) => {
    const inProgress = running.get(meetingId);
    if (inProgress) {
      // It may have read the epoch before this change: one more load after it covers the change.
      inProgress.again = true;
      return;
    }
    const entry = { again: false, done: Promise.resolve() };
    entry.done = prepareOpenQuestions({ db, ...(meetingId ? { meetingId } : {}) })
      .then(() => undefined)
      .catch((error: Error) => {
        // Nothing is lost: the next vote loads what it needs itself.
        options.logger.warn({ err: error, meetingId }, 'preparing open questions failed');
      })
      .finally(() => {
        running.delete(meetingId);
        if (entry.again) prepare(meetingId);
      });
    running.set(meetingId, entry);
  };

  const unlisten = await options.database.listen(meetingChangesChannel, {
    onNotification: (payload) => {
      const { meetingId, change } = parseMeetingChange(payload);
      // A vote changes no fact of the electorate (migration 0007 leaves it out of the epoch).
      if (change === 'other') prepare(meetingId);
    },
    // Changes made while the connection was down were not heard.
    onReconnected: () => prepare(''),
    onError: (error) =>
      options.logger.warn({ err: error }, 'the voting preparer lost its connection; retrying'),
  });
  // Before the instance takes requests: one started mid-vote answers its first vote as fast as
  // the rest.
  prepare('');
  await running.get('')?.done;

  return {
    async stop() {
      await unlisten();
      while (running.size > 0) await Promise.all([...running.values()].map((entry) => entry.done));
    },
  };
}
