import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

const isDisabled = (el: HTMLElement) => (el as HTMLButtonElement).disabled === true;

/**
 * Keeps keyboard focus in the sidebar. A control that is disabled while it works (Insert, Test key, Illustrate)
 * or replaced by another (Cancel, Discard, Save key, Remove) drops focus to <body>, which throws a keyboard or
 * screen reader user back to the top of the page. After each render: if focus fell that way, it goes back to
 * the control once enabled, or, for a control that is gone, to the stand-in marked `data-refocus` (Generate,
 * the key field, Test key), else to the heading.
 */
export function useFocusKeeper(root: RefObject<HTMLElement | null>, heading: RefObject<HTMLElement | null>): void {
  const last = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const el = root.current;
    if (!el) return;
    const focusIn = (e: FocusEvent) => {
      last.current = e.target as HTMLElement;
    };
    const focusOut = (e: FocusEvent) => {
      if (e.relatedTarget !== null) return;
      const target = e.target as HTMLElement;
      // Chromium fires this while a removed control is still in the page: judge once the render is done. A
      // control still there and enabled lost focus to the user (a click beside the controls, or into the
      // editor), and focus stays where the user put it.
      queueMicrotask(() => {
        if (last.current === target && target.isConnected && !isDisabled(target)) last.current = null;
      });
    };
    el.addEventListener('focusin', focusIn);
    el.addEventListener('focusout', focusOut);
    return () => {
      el.removeEventListener('focusin', focusIn);
      el.removeEventListener('focusout', focusOut);
    };
  }, [root]);

  useEffect(() => {
    if (document.activeElement !== document.body && document.activeElement !== null) return;
    let lost = last.current;
    if (!lost) return;
    if (!lost.isConnected) {
      lost = root.current?.querySelector<HTMLElement>('[data-refocus]') ?? heading.current;
      last.current = lost;
    }
    // Still disabled: it is busy, and the render that ends the work brings focus back.
    if (lost && !isDisabled(lost)) lost.focus();
  });
}
