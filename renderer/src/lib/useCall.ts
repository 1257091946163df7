// Loading what a page shows: ask the archive, keep the answer, the failure's message and whether the
// answer for the current question is still to come, and ask again when the question changes. An answer
// that arrives after a newer question was asked, or after the page went away, is dropped, so a slow
// answer for the branch chosen before never overwrites the one chosen now.
import { useCallback, useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { call, messageOf, type CallInput, type CallName, type CallOutput } from '../api';

export interface Loaded<T> {
  /** The last answer, kept while the next one loads and after a failure; `initial` before the first. */
  value: T;
  /** The last failure's message, until an answer comes. */
  error: string | null;
  /** No answer (nor failure) yet for the current question. Asking the same question again does not set it. */
  loading: boolean;
  /** Asks the current question again; resolves once its answer (or failure) is in. */
  reload: () => Promise<void>;
  /** Edits the page makes to the answer before saving them (the next answer replaces them). */
  setValue: Dispatch<SetStateAction<T>>;
}

export interface LoadOptions<T> {
  /** The value before the first answer (an empty list, say), instead of undefined. */
  initial?: T;
  /** Told each failure's message (a toast, or the page's own error line); `error` is set as well. */
  onError?: (message: string) => void;
}

interface State<T> {
  key: string | null;
  value: T;
  error: string | null;
}

/**
 * Runs `load` whenever `key` changes (and `load` is not null: null asks nothing and keeps the value).
 * `key` names the question: whatever `load` depends on, in a string.
 */
export function useLoad<T>(load: (() => Promise<T>) | null, key: string, options: LoadOptions<T> & { initial: T }): Loaded<T>;
export function useLoad<T>(load: (() => Promise<T>) | null, key: string, options?: LoadOptions<T>): Loaded<T | undefined>;
export function useLoad<T>(load: (() => Promise<T>) | null, key: string, options: LoadOptions<T> = {}): Loaded<T | undefined> {
  const [state, setState] = useState<State<T | undefined>>(() => ({ key: null, value: options.initial, error: null }));
  const active = load ? key : null;
  // The newest load and callback, read when an answer arrives (the effect runs only when the key changes).
  const latest = useRef({ load, onError: options.onError, key: active });
  useEffect(() => {
    latest.current = { load, onError: options.onError, key: active };
  });
  const asked = useRef(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const ask = useCallback(async (forKey: string, run: () => Promise<T>) => {
    const mine = ++asked.current;
    const current = () => mounted.current && mine === asked.current;
    try {
      const value = await run();
      if (current()) setState({ key: forKey, value, error: null });
    } catch (err) {
      if (!current()) return;
      const message = messageOf(err);
      setState((s) => ({ key: forKey, value: s.value, error: message }));
      latest.current.onError?.(message);
    }
  }, []);

  // Only a new question asks again (`load` is a new closure on every render: the newest is in `latest`).
  useEffect(() => {
    const run = latest.current.load;
    if (active !== null && run) void ask(active, run);
  }, [active, ask]);

  const reload = useCallback(() => {
    const { load: run, key: forKey } = latest.current;
    return run && forKey !== null ? ask(forKey, run) : Promise.resolve();
  }, [ask]);
  const setValue = useCallback<Dispatch<SetStateAction<T | undefined>>>(
    (next) => setState((s) => ({ ...s, value: typeof next === 'function' ? (next as (v: T | undefined) => T | undefined)(s.value) : next })),
    [],
  );

  return { value: state.value, error: state.error, loading: active !== null && state.key !== active, reload, setValue };
}

export interface CallOptions<T> extends LoadOptions<T> {
  /** Bump it to ask again (after a write elsewhere on the page), as a change of input would. */
  refresh?: number | string;
}

/**
 * One archive call's answer, asked again whenever its input (compared as JSON) or `refresh` changes.
 * A null input asks nothing (the page has no branch chosen yet, say) and keeps what it has.
 */
export function useCall<K extends CallName>(name: K, input: CallInput<K> | null, options: CallOptions<CallOutput<K>> & { initial: CallOutput<K> }): Loaded<CallOutput<K>>;
export function useCall<K extends CallName>(name: K, input: CallInput<K> | null, options?: CallOptions<CallOutput<K>>): Loaded<CallOutput<K> | undefined>;
export function useCall<K extends CallName>(name: K, input: CallInput<K> | null, options: CallOptions<CallOutput<K>> = {}): Loaded<CallOutput<K> | undefined> {
  const ask = call as (name: K, input: CallInput<K>) => Promise<CallOutput<K>>;
  return useLoad(input === null ? null : () => ask(name, input), `${name} ${JSON.stringify(input)} ${options.refresh ?? ''}`, options);
}
