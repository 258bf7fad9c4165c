/**
 * One browser-mode WebSocket connection: reads call frames, answers with result frames, pushes event frames.
 * Nothing a client sends can crash the host: unreadable frames get an error result (id null when none could be
 * read), and every answer is sent as data. See shared/ipc/ws-protocol.ts for the frames.
 */
import type { RawData, WebSocket } from 'ws';
import { ErrorCode, fail, type EventFeed, type Result } from '../../shared/ipc/contract-kit';
import { describeIssues } from '../../shared/ipc/issues';
import { CallFrame, idOf, parseJson, type EventFrame, type ResultFrame } from '../../shared/ipc/ws-protocol';
import type { Dispatch } from './dispatch';
import type { HostLog } from './log';

export interface WsSessionOptions {
  dispatch: Dispatch;
  events: EventFeed;
  /** Only these events are forwarded (the contract's), whatever else the feed carries. */
  eventNames: ReadonlySet<string>;
  log: HostLog;
}

export function serveWsSession(socket: WebSocket, opts: WsSessionOptions): void {
  const send = (frame: ResultFrame | EventFrame): boolean => {
    if (socket.readyState !== socket.OPEN) return false;
    let text: string;
    try {
      text = JSON.stringify(frame);
    } catch (error) {
      opts.log.error('browser host: a frame could not be encoded', error);
      return false;
    }
    socket.send(text);
    return true;
  };
  const answer = (id: number | null, result: Result<unknown>): void => {
    if (!send({ t: 'result', id, result }) && socket.readyState === socket.OPEN) {
      send({ t: 'result', id, result: fail(ErrorCode.Internal, 'the answer could not be encoded') });
    }
  };

  const unsubscribe = opts.events.subscribe((name, payload) => {
    if (opts.eventNames.has(name)) send({ t: 'event', name, payload });
  });
  socket.on('close', unsubscribe);
  socket.on('error', (error) => opts.log.warn(`browser host: socket error: ${error.message}`));

  socket.on('message', (data, isBinary) => {
    const raw = isBinary ? undefined : parseJson(textOf(data));
    const frame = CallFrame.safeParse(raw);
    if (!frame.success) {
      const why = isBinary ? 'binary frames are not understood' : describeIssues(frame.error, 'frame');
      answer(idOf(raw), fail(ErrorCode.BadRequest, `malformed frame: ${why}`));
      return;
    }
    const { id, name, req } = frame.data;
    opts.dispatch(name, req).then(
      (result) => answer(id, result),
      (error: unknown) => {
        // dispatch never rejects by design; if it ever does, the caller still gets an answer.
        opts.log.error('browser host: dispatch rejected', error);
        answer(id, fail(ErrorCode.Internal, 'the call failed'));
      },
    );
  });
}

function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
