// The branches a practice is recorded for: 党支部 and 联合党支部 in use, by their short names where they have one.
import { useEffect, useState } from 'react';
import { call } from '../../api';

export interface BranchOption {
  id: string;
  name: string;
  sector: string;
  memberCount: number;
}

export function useBranches(): BranchOption[] {
  const [branches, setBranches] = useState<BranchOption[]>([]);
  useEffect(() => {
    call('orgTree', {}).then(
      (nodes) => setBranches(nodes.filter((n) => (n.type === 'branch' || n.type === 'joint_branch') && n.status === 'active').map((n) => ({ id: n.id, name: n.shortName || n.name, sector: n.sector, memberCount: n.memberCount }))),
      () => setBranches([]),
    );
  }, []);
  return branches;
}

/** A file the clerk picked, as the archive takes it. */
export async function fileToInput(file: File): Promise<{ fileName: string; mime: string; contentBase64: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { fileName: file.name, mime: file.type || 'application/octet-stream', contentBase64: btoa(binary) };
}
