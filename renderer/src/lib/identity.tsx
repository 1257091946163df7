// Which install the window belongs to: a township's archive (乡镇党员档案 · 东城镇) or the county's
// collection of every township's (县级党员档案汇总 · 寿光市). The title bar, the header and the login
// screens say it in the window's language.
import { createContext, useContext, useEffect } from 'react';
import { useTranslation } from 'react-i18next';

export interface InstallIdentity {
  role: 'township' | 'county';
  /** The township's or county's name; null before the archive is set up. */
  name: string | null;
}

export const IdentityContext = createContext<InstallIdentity>({ role: 'township', name: null });

/** The install's title without its name: 乡镇党员档案, or 县级党员档案汇总 at the county. */
export function useInstallTitle(): string {
  const { t } = useTranslation();
  return t(useContext(IdentityContext).role === 'county' ? 'app.countyTitle' : 'app.title');
}

/** The window's title (the title bar, the task bar) follows the install and the language. */
export function useWindowTitle(identity: InstallIdentity): void {
  const { t } = useTranslation();
  const title = t(identity.role === 'county' ? 'app.countyTitle' : 'app.title');
  useEffect(() => {
    document.title = identity.name ? `${title} · ${identity.name}` : title;
  }, [title, identity.name]);
}
