/**
 * Performance marks the app sets at moments worth timing, read by `npm run bench:ui` through the browser's own
 * Performance API (performance.getEntriesByName). Marks cost next to nothing, so they stay in the product.
 */
export const PerfMark = {
  /** `sync.candidates` answered (useSyncWizard): the list is in the renderer's hands. */
  CandidatesReceived: 'crm:candidates-received',
  /** React committed the candidate grid's first rows to the DOM. */
  GridCommitted: 'crm:grid-committed',
  /** The candidate grid's rows were painted (the frame after React committed them). */
  GridPainted: 'crm:grid-painted',
} as const;
export type PerfMark = (typeof PerfMark)[keyof typeof PerfMark];

export function mark(name: PerfMark): void {
  performance.mark(name);
}

/**
 * Marks once the next frame is painted: requestAnimationFrame runs just before that frame's paint, and a
 * message posted from there is handled right after it.
 */
export function markAfterNextPaint(name: PerfMark): void {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      mark(name);
    };
    channel.port2.postMessage(null);
  });
}
