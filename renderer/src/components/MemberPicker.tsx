// Choosing members where a form needs them (培养联系人, 入党介绍人): typed search by name, full pinyin or
// pinyin initials (zs → 张三) over the township's roll, the chosen ones as chips to take off again. With
// nothing typed it offers the branch's own formal members, who are chosen most often.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../lib/useCall';

export interface PickedMember {
  id: string;
  name: string;
}

interface Props {
  /** The branch offered before anything is typed. */
  orgId: string | null;
  chosen: PickedMember[];
  onChange: (chosen: PickedMember[]) => void;
  /** At most this many can be chosen (入党介绍人: 2). */
  max?: number;
  testId: string;
  label: string;
}

const SHOWN = 8;

export function MemberPicker({ orgId, chosen, onChange, max, testId, label }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const search = text.trim();
  const query = search ? { startRow: 0, endRow: 40, search, view: 'roll' as const } : orgId ? { startRow: 0, endRow: 40, orgId, view: 'roll' as const } : null;
  const { value: found } = useCall('listMembers', query);
  const taken = new Set(chosen.map((c) => c.id));
  // Contacts and introducers are 正式党员.
  const options = (found?.rows ?? []).filter((m) => m.category === 'formal' && !taken.has(m.id)).slice(0, SHOWN);
  const full = max !== undefined && chosen.length >= max;
  return (
    <div className="member-picker" data-testid={testId}>
      <span className="field-label">{label}</span>
      <div className="member-picker-chosen">
        {chosen.map((m) => (
          <span key={m.id} className="chip active" data-testid={`${testId}-chosen`}>
            {m.name}
            <button type="button" className="chip-remove" aria-label={t('picker.remove', { name: m.name })} onClick={() => onChange(chosen.filter((c) => c.id !== m.id))}>
              ×
            </button>
          </span>
        ))}
        {chosen.length === 0 && <span className="muted small">{t('picker.none')}</span>}
      </div>
      {!full && (
        <>
          <input data-testid={`${testId}-search`} value={text} placeholder={t('picker.placeholder')} onChange={(e) => setText(e.target.value)} />
          <ul className="member-picker-options">
            {options.map((m) => (
              <li key={m.id}>
                <button
                  type="button"
                  className="link"
                  data-testid={`${testId}-option`}
                  onClick={() => {
                    onChange([...chosen, { id: m.id, name: m.name }]);
                    setText('');
                  }}
                >
                  {m.name}
                  <span className="muted small"> · {m.orgShortName || m.orgName}</span>
                </button>
              </li>
            ))}
            {query && found && options.length === 0 && <li className="muted small">{t('picker.nobody')}</li>}
          </ul>
        </>
      )}
    </div>
  );
}
