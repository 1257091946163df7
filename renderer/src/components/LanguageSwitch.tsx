// 中文 | English, in the header of every page.
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../i18n';

export function LanguageSwitch({ onChange }: { onChange: (language: Language) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="lang-switch" role="group" aria-label={t('lang.label')} data-testid="lang-switch">
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          className={i18n.language === lng ? 'active' : ''}
          aria-pressed={i18n.language === lng}
          data-testid={`lang-${lng}`}
          onClick={() => onChange(lng)}
        >
          {lng === 'zh-CN' ? t('lang.zh') : t('lang.en')}
        </button>
      ))}
    </div>
  );
}
