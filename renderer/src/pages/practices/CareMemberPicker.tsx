// Choosing members on the roll for a training's attendance, an aid or a post: search by name, full pinyin or
// initials (the members grid's own search), or take a whole branch at once. `single` keeps one member.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api';
import { useBranches } from './useBranches';

export interface PickedMember {
  id: string;
  name: string;
  orgName: string;
}

interface Props {
  value: PickedMember[];
  onChange: (members: PickedMember[]) => void;
  single?: boolean;
  testId: string;
}

export function CareMemberPicker({ value, onChange, single = false, testId }: Props) {
  const { t } = useTranslation();
  const branches = useBranches();
  const [search, setSearch] = useState('');
  const [found, setFound] = useState<PickedMember[]>([]);
  const [branch, setBranch] = useState('');
  useEffect(() => {
    const text = search.trim();
    // An empty box shows no list (see below), so the last results need not be cleared.
    if (!text) return;
    const timer = window.setTimeout(() => {
      call('listMembers', { startRow: 0, endRow: 12, view: 'roll', search: text }).then(
        (r) => setFound(r.rows.map((m) => ({ id: m.id, name: m.name, orgName: m.orgShortName || m.orgName }))),
        () => setFound([]),
      );
    }, 200);
    return () => window.clearTimeout(timer);
  }, [search]);
  const add = (list: PickedMember[]) => {
    if (single) onChange(list.slice(0, 1));
    else onChange([...value, ...list.filter((m) => !value.some((v) => v.id === m.id))]);
    setSearch('');
  };
  const addBranch = async () => {
    if (!branch) return;
    const r = await call('listMembers', { startRow: 0, endRow: 3000, view: 'roll', orgId: branch });
    add(r.rows.map((m) => ({ id: m.id, name: m.name, orgName: m.orgShortName || m.orgName })));
  };
  return (
    <div className="care-picker" data-testid={testId}>
      <div className="care-picker-row">
        <input type="search" value={search} placeholder={t('practicesCare.picker.search')} onChange={(e) => setSearch(e.target.value)} data-testid={`${testId}-search`} />
        {!single && (
          <>
            <select value={branch} onChange={(e) => setBranch(e.target.value)} data-testid={`${testId}-branch`}>
              <option value="">—</option>
              {branches.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
            </select>
            <button type="button" className="btn" disabled={!branch} onClick={() => void addBranch()} data-testid={`${testId}-add-branch`}>{t('practicesCare.picker.addBranch')}</button>
          </>
        )}
      </div>
      {search.trim() !== '' && (
        <ul className="care-picker-found">
          {found.length === 0 && <li className="muted">{t('practicesCare.picker.none')}</li>}
          {found.map((m) => (
            <li key={m.id}>
              <button type="button" className="link" onClick={() => add([m])} data-testid={`${testId}-found`}>{m.name}</button> <span className="muted small">{m.orgName}</span>
            </li>
          ))}
        </ul>
      )}
      {value.length > 0 && (
        <div className="care-picker-chosen">
          {!single && <span className="muted small">{t('practicesCare.picker.chosen', { n: value.length })}</span>}
          {value.map((m) => (
            <span key={m.id} className="care-chip" title={m.orgName}>
              {m.name}
              <button type="button" aria-label={t('practicesCare.picker.remove')} onClick={() => onChange(value.filter((v) => v.id !== m.id))}>×</button>
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
