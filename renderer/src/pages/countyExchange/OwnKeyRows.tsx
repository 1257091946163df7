// This install's own key in the 密钥 panel of both exchange pages: its fingerprint (read out over the
// phone) and, for an administrator, creating the keys once and saving the public key file for the other side.
import { useTranslation } from 'react-i18next';
import { call, type CallOutput } from '../../api';
import { useSession } from '../../lib/session';
import { saveText } from '../../lib/saveFile';

type Keys = CallOutput<'exchangeKeys'>;

interface Props {
  keys: Keys | null;
  /** What to say while this install has no key yet (the township's and the county's texts differ). */
  noKeyText: string;
  /** Runs an action with the page's error and notice handling. */
  run: (fn: () => Promise<void>) => Promise<void>;
  onKeys: (keys: Keys) => void;
  reload: () => Promise<unknown>;
}

export function OwnKeyRows({ keys, noKeyText, run, onKeys, reload }: Props) {
  const { t } = useTranslation();
  const isAdmin = useSession().can('admin');
  const createKeys = () => run(async () => onKeys(await call('initExchangeKeys', {})));
  const exportOwn = () =>
    run(async () => {
      const k = await call('exportPublicKey', {});
      saveText(k.fileName, k.text);
      await reload();
    });
  return (
    <>
      {keys && !keys.own && (
        <div className="cx-row">
          <span>{noKeyText}</span>
          {isAdmin && (
            <button type="button" className="btn primary" data-testid="cx-create-keys" onClick={() => void createKeys()}>
              {t('countyExchange.keys.create')}
            </button>
          )}
        </div>
      )}
      {keys?.own && (
        <div className="cx-row">
          <span>
            {t('countyExchange.keys.own')}:<code className="cx-fingerprint" data-testid="cx-own-fingerprint">{keys.own.fingerprint}</code>
          </span>
          {isAdmin && (
            <button type="button" className="btn" data-testid="cx-export-own" onClick={() => void exportOwn()}>
              {t('countyExchange.keys.exportOwn')}
            </button>
          )}
        </div>
      )}
    </>
  );
}
