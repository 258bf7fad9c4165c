/**
 * Runs tasks one after another. The mail import reads Outlook and writes the store; two refreshes or a refresh
 * and an import running at once (a double click, two browser tabs) would interleave those steps, so each
 * waits for the one before it. A failed task does not stop the ones queued behind it.
 */
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const result = tail.then(task, task);
    tail = result.catch(() => undefined);
    return result;
  };
}
