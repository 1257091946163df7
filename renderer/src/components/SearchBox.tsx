// Quick search: name characters, full pinyin, pinyin initials (张三 → zhangsan, zs) or ID number.
// The archive keeps the pinyin keys; the box only waits until typing pauses (250 ms) before asking.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export const SEARCH_DEBOUNCE_MS = 250;

export function SearchBox({ onSearch }: { onSearch: (text: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [composing, setComposing] = useState(false);
  const latest = useRef(onSearch);

  useEffect(() => {
    latest.current = onSearch;
  }, [onSearch]);

  useEffect(() => {
    // While a Chinese IME is composing, the box holds pinyin that is not the clerk's query yet.
    if (composing) return;
    const timer = window.setTimeout(() => latest.current(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, composing]);

  return (
    <div className="search-box">
      <span className="search-icon" aria-hidden="true">
        ⌕
      </span>
      <input
        type="search"
        data-testid="search"
        aria-label={t('toolbar.searchLabel')}
        placeholder={t('toolbar.searchPlaceholder')}
        value={text}
        maxLength={100}
        onChange={(e) => setText(e.target.value)}
        onCompositionStart={() => setComposing(true)}
        onCompositionEnd={(e) => {
          setComposing(false);
          setText(e.currentTarget.value);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setText('');
        }}
      />
      {text && (
        <button type="button" className="search-clear" aria-label={t('toolbar.clearSearch')} data-testid="search-clear" onClick={() => setText('')}>
          ×
        </button>
      )}
    </div>
  );
}
