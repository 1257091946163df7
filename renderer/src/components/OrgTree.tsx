// The organization tree of the township: 党委 → 党总支 → 党支部. Each node shows its members on the roll
// (subtree total); joint organizations carry a 联合 tag; merged or dissolved ones are greyed but stay
// visible (their history and exited members are still in the archive). Selecting a node narrows the
// grid and the status counts to its subtree.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrgNodeDto } from '../api';
import { labelOf } from '../lib/codes';

interface Props {
  nodes: OrgNodeDto[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

interface VisibleRow {
  node: OrgNodeDto;
  depth: number;
  hasChildren: boolean;
}

/** The roots start open, so their children show; deeper levels open on demand. */
function initiallyOpen(nodes: OrgNodeDto[]): Set<string> {
  const ids = new Set(nodes.map((n) => n.id));
  return new Set(nodes.filter((n) => !n.parentId || !ids.has(n.parentId)).map((n) => n.id));
}

export function OrgTree({ nodes, selectedId, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<Set<string> | null>(null);
  const initial = useMemo(() => initiallyOpen(nodes), [nodes]);
  const expanded = open ?? initial;

  const childrenOf = useMemo(() => {
    const map = new Map<string | null, OrgNodeDto[]>();
    const ids = new Set(nodes.map((n) => n.id));
    for (const n of nodes) {
      const key = n.parentId && ids.has(n.parentId) ? n.parentId : null;
      const list = map.get(key) ?? [];
      list.push(n);
      map.set(key, list);
    }
    return map;
  }, [nodes]);

  const rows = useMemo(() => {
    const out: VisibleRow[] = [];
    const walk = (parent: string | null, depth: number) => {
      for (const node of childrenOf.get(parent) ?? []) {
        const hasChildren = (childrenOf.get(node.id)?.length ?? 0) > 0;
        out.push({ node, depth, hasChildren });
        if (hasChildren && expanded.has(node.id)) walk(node.id, depth + 1);
      }
    };
    walk(null, 0);
    return out;
  }, [childrenOf, expanded]);

  const toggle = (id: string) => {
    const next = new Set(expanded);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };

  if (nodes.length === 0) return <div className="muted pad">{t('tree.empty')}</div>;

  return (
    <div className="org-tree" role="tree" aria-label={t('tree.heading')} data-testid="org-tree">
      {rows.map(({ node, depth, hasChildren }) => {
        const isOpen = expanded.has(node.id);
        const inactive = node.status !== 'active';
        const selected = node.id === selectedId;
        return (
          <div
            key={node.id}
            role="treeitem"
            aria-level={depth + 1}
            aria-expanded={hasChildren ? isOpen : undefined}
            aria-selected={selected}
            className={`org-node${selected ? ' selected' : ''}${inactive ? ' inactive' : ''}`}
            style={{ paddingLeft: 6 + depth * 16 }}
            data-testid={`org-${node.id}`}
          >
            {hasChildren ? (
              <button
                type="button"
                className="org-toggle"
                aria-label={isOpen ? t('tree.collapse') : t('tree.expand')}
                data-testid={`org-toggle-${node.id}`}
                onClick={() => toggle(node.id)}
              >
                {isOpen ? '▾' : '▸'}
              </button>
            ) : (
              <span className="org-toggle-space" />
            )}
            <button
              type="button"
              className="org-name"
              title={node.name}
              onClick={() => onSelect(node.id)}
              onDoubleClick={() => hasChildren && toggle(node.id)}
            >
              <span className="org-label">{node.shortName || node.name}</span>
              {node.isJoint && <span className="tag joint">{t('tree.joint')}</span>}
              {inactive && <span className="tag grey">{labelOf('orgStatus', node.status, i18n.language)}</span>}
            </button>
            <span className="org-count" title={t('tree.count', { count: node.totalCount })} data-testid={`org-count-${node.id}`}>
              {node.totalCount}
            </span>
          </div>
        );
      })}
    </div>
  );
}
