/**
 * Smart batching of one kind of statement: while a batch is at the database, requests that
 * arrive wait and go together in the next one; when nothing is at the database a request goes
 * straight away, alone. So a quiet system adds no wait to any request, and a busy one makes one
 * round trip for many (decision 013): under load, most of a vote's cost on the app's side was its
 * round trips to PostgreSQL, not the work PostgreSQL did.
 *
 * `run` must answer every item of a batch, in order, and must be safe to run again for an item
 * whose batch failed as a whole — one statement is one transaction, so a failed batch wrote
 * nothing. A failed batch is then run again one item at a time, so only the item that broke it
 * gets the error.
 */
export type BatchRunner<Item, Result> = (items: readonly Item[]) => Promise<Result[]>;

export interface BatchLimits {
  /** Batches at the database at once; more arrivals wait for one to return. */
  inFlight: number;
  /** The most items one batch carries. */
  size: number;
}

/**
 * One batch out at a time gathers the most per statement: in the voting benchmark two batches in
 * flight per instance gave 620–640 votes/s, one gave 850–1,090 (decision 013).
 */
const oneAtATime: BatchLimits = { inFlight: 1, size: 100 };

interface Waiting<Item, Result> {
  item: Item;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

export function batched<Item, Result>(
  run: BatchRunner<Item, Result>,
  limits: BatchLimits = oneAtATime,
): (item: Item) => Promise<Result> {
  const queue: Waiting<Item, Result>[] = [];
  let inFlight = 0;

  const send = () => {
    while (inFlight < limits.inFlight && queue.length > 0) {
      const batch = queue.splice(0, limits.size);
      inFlight += 1;
      void runBatch(batch).finally(() => {
        inFlight -= 1;
        send();
      });
    }
  };

  const runBatch = async (batch: Waiting<Item, Result>[]) => {
    try {
      const results = await run(batch.map((waiting) => waiting.item));
      if (results.length !== batch.length) {
        throw new Error(`A batch of ${batch.length} was answered with ${results.length} results`);
      }
      for (const [index, waiting] of batch.entries()) waiting.resolve(results[index] as Result);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]?.reject(error);
        return;
      }
      // One bad item fails the whole statement: run each alone so the others still land.
      await Promise.all(batch.map((waiting) => runBatch([waiting])));
    }
  };

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      send();
    });
}

/**
 * One batcher per database handle, made on first use: a transaction is its own handle, so its
 * statements never travel in a batch with another transaction's or outside it.
 */
export function batchedPerHandle<Handle extends object, Item, Result>(
  makeRunner: (handle: Handle) => BatchRunner<Item, Result>,
  limits?: BatchLimits,
): (handle: Handle, item: Item) => Promise<Result> {
  const batchers = new WeakMap<Handle, (item: Item) => Promise<Result>>();
  return (handle, item) => {
    let batcher = batchers.get(handle);
    if (!batcher) {
      batcher = batched(makeRunner(handle), limits);
      batchers.set(handle, batcher);
    }
    return batcher(item);
  };
}
