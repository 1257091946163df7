// BagIt 1.0 (RFC 8493) tag files: bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt.
// Manifests are written as `<sha256>  <path>` (two spaces), which is also what `sha256sum -c` reads.
export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

export type BagInfo = [label: string, value: string][];

export function bagInfoText(fields: BagInfo): string {
  return fields.map(([label, value]) => `${label}: ${value.replace(/\r?\n/g, ' ')}\n`).join('');
}

/** Labels may repeat (RFC 8493 §2.2.2); continuation lines start with whitespace. */
export function parseBagInfo(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let last: string[] | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    if (/^[ \t]/.test(line) && last) {
      last[last.length - 1] += ' ' + line.trim();
      continue;
    }
    const i = line.indexOf(':');
    if (i <= 0) throw new Error(`bag-info.txt 中有一行格式不正确:“${line.slice(0, 60)}”`);
    const label = line.slice(0, i).trim();
    const value = line.slice(i + 1).trim();
    last = out.get(label) ?? [];
    last.push(value);
    out.set(label, last);
  }
  return out;
}

function encodePath(p: string): string {
  return p.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function decodePath(p: string): string {
  return p.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%25/g, '%');
}

export function manifestText(entries: { path: string; sha256: string }[]): string {
  return entries.map((e) => `${e.sha256}  ${encodePath(e.path)}\n`).join('');
}

/** path → sha256 (lower-case hex). Rejects paths that could leave the bag and duplicate entries. */
export function parseManifest(text: string, fileName: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue;
    const m = /^([0-9a-fA-F]{64})[ \t]+\*?(.+)$/.exec(line);
    if (!m) throw new Error(`${fileName} 中有一行格式不正确:“${line.slice(0, 80)}”`);
    const p = decodePath(m[2]);
    if (p.startsWith('/') || p.split('/').some((s) => s === '..' || s === '') || p.includes('\\')) {
      throw new Error(`${fileName} 中的路径不合法:“${p.slice(0, 80)}”`);
    }
    if (out.has(p)) throw new Error(`${fileName} 中重复列出了 ${p}`);
    out.set(p, m[1].toLowerCase());
  }
  return out;
}

export function payloadOxum(bytes: number, files: number): string {
  return `${bytes}.${files}`;
}
