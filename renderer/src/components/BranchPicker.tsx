// A branch chosen the way the organization tree reads: 党委 → 党总支 → 党支部, with a search box that keeps a
// matching branch's parents as headings, so that 127 branches (imported ones among them) are found by a few
// characters of their name. Only 党支部 and 联合党支部 in use can be chosen; the others are headings.
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgNodeDto } from '../api';
import { usePopupDismiss } from '../lib/usePopupDismiss';

interface Props {
  nodes: OrgNodeDto[];
  value: string;
  onChange: (id: string) => void;
  testId?: string;
}

export const isBranch = (n: OrgNodeDto) => (n.type === 'branch' || n.type === 'joint_branch') && n.status === 'active';

interface Line {
  node: OrgNodeDto;
  depth: number;
}

/** The tree in order, depth first, each node once. */
function treeLines(nodes: OrgNodeDto[]): Line[] {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<string | null, OrgNodeDto[]>();
  for (const n of nodes) {
    if (n.type === 'group') continue;
    const key = n.parentId && ids.has(n.parentId) ? n.parentId : null;
    children.set(key, [...(children.get(key) ?? []), n]);
  }
  const out: Line[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const n of children.get(parent) ?? []) {
      out.push({ node: n, depth });
      walk(n.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function BranchPicker({ nodes, value, onChange, testId = 'branch-picker' }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const lines = useMemo(() => treeLines(nodes), [nodes]);
  const shown = useMemo(() => {
    const q = query.trim();
    const byId = new Map(nodes.map((n) => [n.id, n]));
    // Branches that match, and every node above one (as its heading).
    const keep = new Set<string>();
    for (const { node } of lines) {
      if (!isBranch(node)) continue;
      if (q && !node.name.includes(q) && !(node.shortName ?? '').includes(q)) continue;
      for (let n: OrgNodeDto | undefined = node; n && !keep.has(n.id); n = n.parentId ? byId.get(n.parentId) : undefined) keep.add(n.id);
    }
    return lines.filter((l) => keep.has(l.node.id));
  }, [lines, nodes, query]);
  const current = nodes.find((n) => n.id === value);
  const button = useRef<HTMLButtonElement>(null);
  usePopupDismiss(open, () => setOpen(false), box, { returnFocus: button });
  const choose = (id: string) => {
    onChange(id);
    setOpen(false);
    setQuery('');
  };
  const branchesShown = shown.filter((l) => isBranch(l.node));
  return (
    <div className="branch-picker" ref={box}>
      <button ref={button} type="button" className="btn branch-picker-button" data-testid={testId} aria-expanded={open} onClick={() => setOpen(!open)}>
        {current ? current.shortName || current.name : t('branchPicker.choose')} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="branch-picker-panel" role="dialog" aria-label={t('branchPicker.choose')}>
          <input
            autoFocus
            type="search"
            value={query}
            placeholder={t('branchPicker.search')}
            data-testid={`${testId}-search`}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && branchesShown.length) choose(branchesShown[0].node.id);
            }}
          />
          <ul className="branch-picker-list">
            {shown.map(({ node, depth }) =>
              isBranch(node) ? (
                <li key={node.id}>
                  <button type="button" className={`branch-option${node.id === value ? ' active' : ''}`} style={{ paddingLeft: 8 + depth * 14 }} data-testid={`${testId}-option`} data-org-id={node.id} onClick={() => choose(node.id)}>
                    {node.shortName || node.name} <span className="muted small">{t('branchPicker.members', { count: node.memberCount })}</span>
                  </button>
                </li>
              ) : (
                <li key={node.id} className="branch-heading" style={{ paddingLeft: 8 + depth * 14 }}>{node.shortName || node.name}</li>
              ),
            )}
            {branchesShown.length === 0 && <li className="muted pad">{t('branchPicker.none')}</li>}
          </ul>
        </div>
      )}
    </div>
  );
}
