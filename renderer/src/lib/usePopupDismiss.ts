// One behaviour for every small popup (a menu, an export panel, a picker): it closes when the clerk
// presses the mouse anywhere outside it or presses Escape, as menus do in the office software they know.
import { useEffect, useEffectEvent, type RefObject } from 'react';

export interface PopupDismissOptions {
  /**
   * Where focus goes back to on Escape (the button that opened the popup), so a keyboard user is not
   * left on a vanished element. Only when focus was inside the popup or nowhere: Escape pressed while
   * typing elsewhere leaves the caret where it is.
   */
  returnFocus?: RefObject<HTMLElement | null>;
}

/**
 * Calls `close` while `open` is true, on a mouse press outside `inside` or on Escape.
 * `inside` must hold the popup and the button that toggles it: a press on that button is the button's
 * own business (otherwise the press would close the popup and the click reopen it).
 */
export function usePopupDismiss(open: boolean, close: () => void, inside: RefObject<HTMLElement | null>, options: PopupDismissOptions = {}): void {
  const { returnFocus } = options;
  // The latest `close` without re-subscribing: callers pass inline arrows.
  const dismiss = useEffectEvent((reason: 'outside' | 'escape') => {
    if (reason === 'escape' && returnFocus?.current) {
      const active = document.activeElement;
      const focusWasInside = !active || active === document.body || (inside.current?.contains(active) ?? false);
      close();
      if (focusWasInside) returnFocus.current.focus();
      return;
    }
    close();
  });

  useEffect(() => {
    if (!open) return;
    // Capture phase: a grid or a chart that stops the press from bubbling must still close the popup.
    const onDown = (e: MouseEvent) => {
      const box = inside.current;
      if (box && e.target instanceof Node && !box.contains(e.target)) dismiss('outside');
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) dismiss('escape');
    };
    document.addEventListener('mousedown', onDown, true);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown, true);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, inside]);
}
