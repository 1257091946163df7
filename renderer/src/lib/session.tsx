// The logged-in user as the window knows it: name, role and the access classes the role holds, so
// pages can hide or disable what the user may not do. The main process checks every call anyway; this
// only spares the clerk buttons that would be refused.
import { createContext, useContext, useEffect, useRef } from 'react';
import type { CallOutput } from '../api';

export type SessionInfoDto = CallOutput<'sessionInfo'>;
export type SessionUserDto = NonNullable<SessionInfoDto['user']>;
export type AccessClass = SessionUserDto['access'][number];

export interface SessionValue {
  user: SessionUserDto | null;
  can: (access: AccessClass) => boolean;
  lock: () => void;
  logout: () => void;
}

// Without a provider (pages rendered alone) nothing is withheld: the dispatcher remains the guard.
export const SessionContext = createContext<SessionValue>({ user: null, can: () => true, lock: () => undefined, logout: () => undefined });

export function useSession(): SessionValue {
  return useContext(SessionContext);
}

/** The event api.ts raises when a call comes back refused because the window is locked or logged out. */
export const SESSION_EVENT = 'party-records:session';

export function announceSessionRefusal(code: string): void {
  if (code === 'session_locked' || code === 'not_logged_in') window.dispatchEvent(new CustomEvent(SESSION_EVENT, { detail: code }));
}

const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Idle lock in the window: after `minutes` without a key, click or mouse move, `onIdle` runs (the app
 * shows the lock screen and tells the main process). While the clerk works, `onActive` is called at most
 * every 30 seconds so that the main process, which locks on its own clock too, sees the activity.
 */
export function useIdleLock(active: boolean, minutes: number, onIdle: () => void, onActive: () => void): void {
  const last = useRef(0);
  const pinged = useRef(0);
  const handlers = useRef({ onIdle, onActive });
  useEffect(() => {
    handlers.current = { onIdle, onActive };
  });
  useEffect(() => {
    if (!active) return;
    last.current = Date.now();
    pinged.current = last.current;
    const touch = () => {
      last.current = Date.now();
      if (last.current - pinged.current >= 30_000) {
        pinged.current = last.current;
        handlers.current.onActive();
      }
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, touch, { passive: true });
    const timer = window.setInterval(() => {
      if (Date.now() - last.current >= minutes * 60_000) handlers.current.onIdle();
    }, 5_000);
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, touch);
      window.clearInterval(timer);
    };
  }, [active, minutes]);
}
