/**
 * Runs `run` for each item of `source` with up to `concurrency` items in flight,
 * yielding every result in the order of `source`. With a concurrency of 1 results
 * stream straight through; above it, an item running ahead of its turn keeps at
 * most `buffered` results in memory and then waits, so memory stays bounded
 * however many results an item has.
 */
export async function* orderedConcurrently<Item, Result>(
  source: AsyncIterable<Item>,
  concurrency: number,
  run: (item: Item) => AsyncIterable<Result>,
  buffered = 1,
): AsyncGenerator<Result, void, undefined> {
  if (concurrency <= 1) {
    for await (const item of source) yield* run(item);
    return;
  }
  const iterator = source[Symbol.asyncIterator]();
  const lanes: Lane<Result>[] = [];
  let exhausted = false;
  const fill = async () => {
    while (!exhausted && lanes.length < concurrency) {
      const next = await iterator.next();
      if (next.done) exhausted = true;
      else lanes.push(startLane(run(next.value), Math.max(1, buffered)));
    }
  };
  try {
    await fill();
    while (lanes.length > 0) {
      const lane = lanes[0]!;
      for (;;) {
        if (lane.results.length > 0) {
          const result = lane.results.shift() as Result;
          lane.notify();
          yield result;
        } else if (lane.done) break;
        else await lane.changed();
      }
      // A failure is raised in its turn, after the results of the items before it.
      if (lane.failed) throw lane.error;
      lanes.shift();
      await fill();
    }
  } finally {
    for (const lane of lanes) lane.stop();
    await iterator.return?.();
  }
}

/** One item's results being produced: a small buffer between its iterator and the consumer. */
interface Lane<Result> {
  results: Result[];
  done: boolean;
  failed: boolean;
  error: unknown;
  /** Resolves at the next change: a result added or taken, the end, or a stop. */
  changed(): Promise<void>;
  notify(): void;
  stop(): void;
}

function startLane<Result>(results: AsyncIterable<Result>, buffered: number): Lane<Result> {
  let wake: (() => void) | undefined;
  let stopped = false;
  const lane: Lane<Result> = {
    results: [],
    done: false,
    failed: false,
    error: undefined,
    changed: () => new Promise<void>((resolve) => (wake = resolve)),
    notify() {
      const waiting = wake;
      wake = undefined;
      waiting?.();
    },
    stop() {
      stopped = true;
      lane.notify();
    },
  };
  const produce = async () => {
    const iterator = results[Symbol.asyncIterator]();
    try {
      for (;;) {
        while (lane.results.length >= buffered && !stopped) await lane.changed();
        if (stopped) {
          // Lets the item's generator clean up (cancel what it sent) before it is dropped.
          await iterator.return?.();
          break;
        }
        const next = await iterator.next();
        if (next.done) break;
        lane.results.push(next.value);
        lane.notify();
      }
    } catch (error) {
      lane.failed = true;
      lane.error = error;
    } finally {
      lane.done = true;
      lane.notify();
    }
  };
  void produce();
  return lane;
}
