/**
 * An in-process Transport over a dispatcher and an event feed, for the CLI and tests: the same client code as
 * the renderer, without a wire. Values are structured-cloned both ways so in-process callers cannot share
 * mutable objects with the service, just as IPC and JSON would not.
 */
import type { EventFeed, Transport } from '../../shared/ipc/contract-kit';
import type { Dispatch } from './dispatch';

export function createDirectTransport(dispatch: Dispatch, events?: EventFeed): Transport {
  return {
    call: async (name, req) => structuredClone(await dispatch(name, structuredClone(req))),
    on(event, listener) {
      if (events === undefined) return () => {};
      return events.subscribe((name, payload) => {
        if (name === event) listener(structuredClone(payload));
      });
    },
  };
}
