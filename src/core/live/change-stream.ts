// The async iterator a subscription returns. graphql-ws calls `return()` when a client unsubscribes
// or disconnects; an async generator waiting for its next change would only notice when another
// change arrived, so `return()` aborts the wait first and the listener is released at once.
import type { ChangeFeed, EventChange } from './change-feed.js';

export function changeStream(
  feed: ChangeFeed,
  wanted: (change: EventChange) => boolean,
): AsyncIterableIterator<EventChange> {
  const abort = new AbortController();
  const source = (async function* () {
    for await (const change of feed.changes(abort.signal)) if (wanted(change)) yield change;
  })();
  const stream: AsyncIterableIterator<EventChange> = {
    next: () => source.next(),
    return: async (value?: unknown) => {
      abort.abort();
      await source.return(undefined);
      return { done: true, value: value as EventChange };
    },
    throw: async (error?: unknown) => {
      abort.abort();
      return source.throw(error);
    },
    [Symbol.asyncIterator]: () => stream,
  };
  return stream;
}
