// 组织关系介绍信 between the townships of the county, read from the rows each township sent. A transfer
// is one letter seen from two sides: the out-letter in the township that wrote it, and the arrival in
// the township that received it with that letter. The two are linked only when the letter's number and
// the person (公民身份号码) are the same on both sides, never by the ID number alone: the same person
// on two rolls without a letter between them is 重复登记, not a transfer.
import type { ServiceContext } from '../core/context';
import { idNumberKey } from '../statistics/dataChecks';

export interface CountyLetter {
  townshipCode: string;
  townshipName: string;
  transferId: string;
  memberId: string;
  memberName: string;
  idNumber: string;
  orgName: string | null;
  direction: 'out' | 'in';
  status: string;
  transferDate: string;
  letterNumber: string;
  /** Out: the receiving organization as written on the letter; in: the sending one. */
  party: string;
  validUntil: string | null;
  receiptDate: string | null;
}

export interface LinkedLetter extends CountyLetter {
  /** Out: the township of the county the letter is addressed to (by its name in the destination), if any. */
  toTownship: { code: string; name: string } | null;
  /** Out: the arrival with the same letter and person in another township; in: the out-letter. */
  match: CountyLetter | null;
}

/**
 * The letter's number as both sides would agree on it: 〔2026〕第001号, 2026-001, (2026)1号 are one
 * letter. Without a year and a number in it, the text itself without spaces.
 */
export function letterKey(raw: string): string {
  const text = raw.normalize('NFKC').replace(/\s+/g, '');
  const m = /(\d{4})\D+0*(\d+)/.exec(text);
  return m ? `${m[1]}-${Number(m[2])}` : text;
}

/** Every out-letter and every arrival held at the county, each linked to the other side when there is one. */
export async function countyLetters(ctx: ServiceContext): Promise<LinkedLetter[]> {
  const rows = await ctx.archive.query<{
    township_code: string; township_name: string; data: string; member_name: string | null; id_number: string | null; org_name: string | null;
  }>(
    `SELECT r.township_code, t.name AS township_name, r.data, c.name AS member_name, c.id_number, c.org_name
     FROM county_rows r JOIN county_townships t ON t.code = r.township_code
     LEFT JOIN county_members c ON c.township_code = r.township_code AND c.id = r.data->>'$.member_id'
     WHERE r.table_name = 'transfers' AND r.data->>'$.direction' IN ('out', 'in') AND r.data->>'$.status' <> 'cancelled'`,
  );
  const townships = await ctx.archive.query<{ code: string; name: string }>('SELECT code, name FROM county_townships');
  const letters: CountyLetter[] = rows.map((r) => {
    const d = JSON.parse(r.data) as Record<string, string | null>;
    return {
      townshipCode: r.township_code, townshipName: r.township_name, transferId: String(d.id), memberId: String(d.member_id), memberName: r.member_name ?? '',
      idNumber: r.id_number ?? '', orgName: r.org_name, direction: d.direction === 'out' ? 'out' : 'in', status: String(d.status), transferDate: String(d.transfer_date),
      letterNumber: d.letter_number ?? '', party: (d.direction === 'out' ? d.destination : d.origin) ?? '', validUntil: d.valid_until ?? null, receiptDate: d.receipt_date ?? null,
    };
  });
  const key = (l: CountyLetter) => `${letterKey(l.letterNumber)}|${idNumberKey(l.idNumber)}`;
  const arrivals = new Map<string, CountyLetter[]>();
  for (const l of letters) {
    if (l.direction !== 'in' || !l.letterNumber) continue;
    const list = arrivals.get(key(l));
    if (list) list.push(l);
    else arrivals.set(key(l), [l]);
  }
  const outs = new Map<string, CountyLetter>();
  const linked: LinkedLetter[] = [];
  for (const l of letters) {
    if (l.direction !== 'out') continue;
    const match = (arrivals.get(key(l)) ?? []).find((a) => a.townshipCode !== l.townshipCode) ?? null;
    if (match) outs.set(`${match.townshipCode}:${match.transferId}`, l);
    // The township the letter is addressed to: named in its destination (中共西城镇委员会…), or where it arrived.
    const named = townships.filter((t) => t.code !== l.townshipCode && t.name && l.party.includes(t.name)).sort((a, b) => b.name.length - a.name.length)[0];
    const to = match ? { code: match.townshipCode, name: match.townshipName } : named ? { code: named.code, name: named.name } : null;
    linked.push({ ...l, toTownship: to, match });
  }
  for (const l of letters) {
    if (l.direction === 'in') linked.push({ ...l, toTownship: null, match: outs.get(`${l.townshipCode}:${l.transferId}`) ?? null });
  }
  return linked;
}

/** Days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
