// Short notes after an action (已保存, 已办理出党) and errors that belong to no field. Notes fade after four
// seconds; errors stay until the clerk dismisses them; the same text twice shows once. A shell (the
// workspace, the members page) keeps the list with useToastList and provides its `toast` to the pages
// below it, which call useToast().
import { createContext, useCallback, useContext, useRef, useState } from 'react';

export type ToastKind = 'info' | 'error';
export type ShowToast = (kind: ToastKind, text: string) => void;

export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

const FADE_MS = 4000;

export const ToastContext = createContext<ShowToast>(() => undefined);

/** Shows a toast in the nearest shell's list. */
export function useToast(): ShowToast {
  return useContext(ToastContext);
}

export function useToastList(): { toasts: Toast[]; toast: ShowToast; dismiss: (id: number) => void } {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const seq = useRef(0);
  const toast = useCallback<ShowToast>((kind, text) => {
    const id = ++seq.current;
    setToasts((list) => [...list.filter((x) => x.text !== text), { id, kind, text }]);
    if (kind === 'info') window.setTimeout(() => setToasts((list) => list.filter((x) => x.id !== id)), FADE_MS);
  }, []);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((x) => x.id !== id)), []);
  return { toasts, toast, dismiss };
}

/** A failure's message as an error toast (for useCall's onError). */
export function useErrorToast(): (message: string) => void {
  const toast = useToast();
  return useCallback((message: string) => toast('error', message), [toast]);
}
