/**
 * Runs `run` for each item of `source` with up to `concurrency` items in flight,
 * yielding every result in the order of `source`. With a concurrency of 1 results
 * stream straight through; above it, the results of an item that finished ahead
 * of its turn wait in memory until the items before it are done.
 */
export async function* orderedConcurrently<Item, Result>(
  source: AsyncIterable<Item>,
  concurrency: number,
  run: (item: Item) => AsyncIterable<Result>,
): AsyncGenerator<Result, void, undefined> {
  if (concurrency <= 1) {
    for await (const item of source) yield* run(item);
    return;
  }
  const collect = async (item: Item) => {
    const results: Result[] = [];
    for await (const result of run(item)) results.push(result);
    return results;
  };
  const iterator = source[Symbol.asyncIterator]();
  const window: Promise<Result[]>[] = [];
  let exhausted = false;
  const fill = async () => {
    while (!exhausted && window.length < concurrency) {
      const next = await iterator.next();
      if (next.done) exhausted = true;
      else {
        const pending = collect(next.value);
        // Awaited in turn below; this only keeps a failure that is not yet awaited from being reported as unhandled.
        pending.catch(() => undefined);
        window.push(pending);
      }
    }
  };
  await fill();
  while (window.length > 0) {
    const results = await window.shift()!;
    await fill();
    yield* results;
  }
}
