import { InteractionStats } from '../telemetry/interaction-stats';

/**
 * Feeds the page's input events into `stats` through passive capture listeners, which never
 * delay scrolling or typing. Only trusted events count, so events a script dispatches do not
 * pass for a person's input. The listeners read event times and pointer coordinates, never
 * `key`, `code`, clipboard data or the value of a field.
 *
 * @returns a function that removes the listeners.
 */
export function listenToInteractions(stats: InteractionStats): () => void {
  const at = (event: Event) => performance.timeOrigin + event.timeStamp;
  const handlers: Record<string, (event: Event) => void> = {
    pointermove: (event) => {
      const pointer = event as PointerEvent;
      stats.recordPointerMove(at(event), pointer.clientX, pointer.clientY);
    },
    click: (event) => stats.record('click', at(event)),
    keydown: (event) => {
      if (!(event as KeyboardEvent).repeat) {
        stats.recordKeyPress(at(event));
      }
    },
    paste: (event) => stats.record('paste', at(event)),
    focusin: (event) => stats.record('focus_change', at(event)),
    touchstart: (event) => stats.record('touch', at(event)),
  };
  const listeners = Object.entries(handlers).map(([type, handle]) => {
    const listener = (event: Event) => {
      if (event.isTrusted) {
        try {
          handle(event);
        } catch {
          // statistics are best effort and must never break the page's own handlers
        }
      }
    };
    window.addEventListener(type, listener, { capture: true, passive: true });

    return () => window.removeEventListener(type, listener, { capture: true });
  });

  return () => listeners.forEach((remove) => remove());
}
