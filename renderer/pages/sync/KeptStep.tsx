/** A wizard step (or a step's page) kept mounted while hidden, so *Back* finds it as the user left it. */
import { useEffect, useRef, type ReactNode } from 'react';

/** A step kept mounted while hidden; when it shows again, focus goes to its heading as on a fresh step. */
export function KeptStep({ visible, children }: { visible: boolean; children: ReactNode }) {
  const container = useRef<HTMLDivElement>(null);
  const wasVisible = useRef(visible);
  useEffect(() => {
    // The first heading on show: a step with pages keeps the others hidden inside.
    if (visible && !wasVisible.current) [...(container.current?.querySelectorAll<HTMLElement>('h2') ?? [])].find((h) => h.closest('[hidden]') === null)?.focus();
    wasVisible.current = visible;
  }, [visible]);
  return (
    <div ref={container} hidden={!visible}>
      {children}
    </div>
  );
}
