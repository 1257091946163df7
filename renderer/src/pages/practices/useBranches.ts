// The branches a practice is recorded for: 党支部 and 联合党支部 in use, by their short names where they have one.
import { useMemo } from 'react';
import { fileToBase64 } from '../../lib/saveFile';
import { useCall } from '../../lib/useCall';

export interface BranchOption {
  id: string;
  name: string;
  sector: string;
  memberCount: number;
}

export function useBranches(): BranchOption[] {
  const { value: nodes } = useCall('orgTree', {});
  return useMemo(
    () => (nodes ?? []).filter((n) => (n.type === 'branch' || n.type === 'joint_branch') && n.status === 'active').map((n) => ({ id: n.id, name: n.shortName || n.name, sector: n.sector, memberCount: n.memberCount })),
    [nodes],
  );
}

/** A file the clerk picked, as the archive takes it. */
export async function fileToInput(file: File): Promise<{ fileName: string; mime: string; contentBase64: string }> {
  return { fileName: file.name, mime: file.type || 'application/octet-stream', contentBase64: await fileToBase64(file) };
}
