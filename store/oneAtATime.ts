/**
 * One queue per (owner, lane): work on the same lane runs strictly one after the other, in the
 * order it was asked for. DuckDB refuses two transactions that update the same row ("Conflict on
 * update") instead of making the second wait, so writers of one row (the data version, the
 * duiding version, an account's sign-in counters) queue here. Also used for work that must not
 * run twice at once for another reason (one Chromium per server). A failed run does not stop
 * the queue.
 */
const queues = new WeakMap<object, Map<string, Promise<unknown>>>();

export function oneAtATime<T>(owner: object, lane: string, fn: () => Promise<T>): Promise<T> {
  let lanes = queues.get(owner);
  if (!lanes) queues.set(owner, (lanes = new Map()));
  const previous = lanes.get(lane) ?? Promise.resolve();
  const run = previous.then(fn, fn);
  const settled = run.catch(() => undefined);
  lanes.set(lane, settled);
  // An idle lane is dropped, so a lane per short-lived key does not pile up.
  void settled.then(() => {
    if (lanes.get(lane) === settled) lanes.delete(lane);
  });
  return run;
}
