/**
 * The subscribers' own process (forked by watchers-process.ts): it opens the event streams and
 * reads every frame, so the bench process that sends the votes and times them never waits behind
 * ten thousand streams' reads. In a real meeting the audience is on other machines; sharing the
 * voters' event loop made the slowest votes the bench's, not the app's.
 */
import { openWatchers, type Watchers } from './sse-watchers.ts';
import type { ToChild, ToParent } from './watchers-process.ts';

const reply = (message: ToParent) => process.send?.(message);
/** performance.now() in this process, as milliseconds since the epoch both processes share. */
const absolute = (time: number) => performance.timeOrigin + time;
let watchers: Watchers | undefined;

process.on('message', async (message: ToChild) => {
  try {
    if (message.type === 'open') {
      watchers = await openWatchers({
        ...message.options,
        progress: (text) => reply({ type: 'progress', message: text }),
      });
      reply({ type: 'opened' });
      await watchers.allSubscribed;
      reply({ type: 'subscribed' });
    } else if (!watchers) {
      throw new Error('the watchers are not open');
    } else if (message.type === 'frames') {
      reply({ type: 'frames', frames: watchers.frames() });
    } else if (message.type === 'forget') {
      watchers.forgetResults();
      reply({ type: 'forgotten' });
    } else if (message.type === 'result') {
      const { times, missing } = await watchers.resultEverywhere(message.timeoutMs);
      reply({ type: 'result', times: times.map(absolute), missing });
    } else if (message.type === 'close') {
      watchers.close();
      process.disconnect();
    }
  } catch (error) {
    reply({ type: 'error', message: (error as Error).stack ?? String(error) });
  }
});
