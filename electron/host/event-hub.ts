/**
 * Main-side events (sync progress, tray notices) go out through one hub: `emit` is typed by the contract and
 * parses the payload before fan-out, so no front door ever forwards a payload the contract does not describe.
 * Sinks are the front doors (a WebContents, each WebSocket); one failing sink does not starve the others.
 */
import type { z } from 'zod';
import type { ContractShape, EventFeed, EventInput, EventName, EventSink } from '../../shared/ipc/contract-kit';
import { describeIssues, quoteName } from '../../shared/ipc/issues';
import { consoleLog, type HostLog } from './log';

export interface EventHub<C extends ContractShape = ContractShape> extends EventFeed {
  /** Returns false (and logs) when the payload breaks the contract; it is then dropped, not thrown. */
  emit<E extends EventName<C>>(event: E, payload: EventInput<C, E>): boolean;
}

export function createEventHub<const C extends ContractShape>(contract: C, options: { log?: HostLog } = {}): EventHub<C> {
  const log = options.log ?? consoleLog;
  const sinks = new Set<EventSink>();

  return {
    emit(event, payload) {
      const schema: z.ZodType | undefined = Object.hasOwn(contract.events, event) ? contract.events[event] : undefined;
      if (schema === undefined) {
        log.error(`events: no event named ${quoteName(event)} in the contract`);
        return false;
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        log.error(`events: ${quoteName(event)} payload breaks the contract: ${describeIssues(parsed.error, 'payload')}`);
        return false;
      }
      for (const sink of [...sinks]) {
        try {
          sink(event, parsed.data);
        } catch (error) {
          log.warn(`events: a subscriber failed on ${quoteName(event)}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return true;
    },
    subscribe(sink) {
      sinks.add(sink);
      return () => {
        sinks.delete(sink);
      };
    },
  };
}
