// Three townships and their county with what the county's desk must find, made through the services as
// the clerks do it: a person registered in two townships (重复登记), a transfer between townships
// received and acknowledged, one under way (received, the 回执 not yet back: not a duplicate), a letter
// to a township of the county never received there (转出未接收, and 介绍信过期), and a township whose
// last package is months old (逾期未报送). Every township sends a full package; the county imports them.
import type { ServiceContext } from '../../electron/services/core/context';
import { createMember } from '../../electron/services/members/members';
import { recordTransferReceipt, transferIn, transferOut } from '../../electron/services/members/life/transfers';
import { connect, exportTo, importAtCounty, openInstall, removeDir, stickDir, type Install } from './exchangeScenario';

export const DESK_TODAY = '2026-11-28';
/** The day 南城镇 made its (only) package: 69 days before the county's today. */
export const OVERDUE_DAY = '2026-09-20';

export interface DeskScenario {
  county: Install;
  a: Install; // 东城镇
  b: Install; // 西城镇
  c: Install; // 南城镇, overdue
  stick: string;
  duplicate: { idNumber: string; name: string; idA: string; idC: string };
  received: { idNumber: string; name: string; letter: string; idA: string; idB: string };
  underWay: { idNumber: string; name: string; letter: string; idA: string; idB: string };
  lost: { idNumber: string; name: string; letter: string; idB: string };
  close(): Promise<void>;
}

async function memberFields(t: Install, id: string) {
  const m = (await t.archive.queryOne<Record<string, unknown>>('SELECT * FROM members WHERE id = ?', [id]))!;
  return {
    name: String(m.name), gender: String(m.gender), idNumber: String(m.id_number), ethnicity: String(m.ethnicity), birthDate: String(m.birth_date),
    education: String(m.education), category: String(m.category), joinDate: String(m.join_date), fullDate: (m.full_date as string | null) ?? null, occupation: String(m.occupation),
  };
}

async function branchOf(t: Install): Promise<string> {
  return (await t.archive.queryOne<{ id: string }>("SELECT id FROM organizations WHERE type = 'branch' AND status = 'active' ORDER BY name LIMIT 1"))!.id;
}

/** Formal members on the roll, neither mobile nor lost nor awaiting a 回执, in a stable order. */
async function plain(t: Install, n: number): Promise<{ id: string; name: string; id_number: string }[]> {
  return t.archive.query(
    "SELECT id, name, id_number FROM members WHERE exit_reason IS NULL AND category = 'formal' AND is_mobile = 0 AND is_lost = 0 AND transfer_pending = 0 ORDER BY id LIMIT ?",
    [n],
  );
}

export async function buildDeskScenario(options: { countyDir?: string } = {}): Promise<DeskScenario> {
  const county = await openInstall('county', '370783', '寿光市', { dir: options.countyDir, today: DESK_TODAY });
  const a = await openInstall('township', '370783101', '东城镇', { demoMembers: 30, seed: 21, today: DESK_TODAY });
  const b = await openInstall('township', '370783102', '西城镇', { demoMembers: 25, seed: 22, today: DESK_TODAY });
  const c = await openInstall('township', '370783103', '南城镇', { demoMembers: 20, seed: 23, today: DESK_TODAY });
  await connect(county, [a, b, c]);
  const cEarly: ServiceContext = { ...c.ctx, today: OVERDUE_DAY };
  const [dup, mover, transit] = await plain(a, 3);
  const [gone] = await plain(b, 1);

  // 重复登记: 东城镇's member entered at 南城镇 too, without any letter.
  const copy = await createMember(cEarly, { ...(await memberFields(a, dup.id)), orgId: await branchOf(c) });

  // Received: out of 东城镇, into 西城镇 with the letter, the 回执 recorded at 东城镇.
  const l1 = await transferOut(a.ctx, mover.id, { date: '2026-11-02', destination: '中共西城镇委员会', duesPaidTo: '2026-10' });
  const in1 = await transferIn(b.ctx, { date: '2026-11-05', letterNumber: l1.letterNumber!, origin: '中共东城镇委员会', orgId: await branchOf(b), member: { ...(await memberFields(a, mover.id)), orgId: await branchOf(b) } });
  await recordTransferReceipt(a.ctx, l1.id, { date: '2026-11-10' });

  // Under way: received at 西城镇 (the letter's number written its own way), the 回执 not yet back at 东城镇.
  const l2 = await transferOut(a.ctx, transit.id, { date: '2026-11-20', destination: '中共西城镇委员会', duesPaidTo: '2026-10' });
  const written = l2.letterNumber!.replace(/〔(\d{4})〕第0*(\d+)号/, '$1-$2');
  const in2 = await transferIn(b.ctx, { date: '2026-11-22', letterNumber: written, origin: '中共东城镇委员会', orgId: await branchOf(b), member: { ...(await memberFields(a, transit.id)), orgId: await branchOf(b) } });

  // Never received: out of 西城镇 to 南城镇 in September, a letter valid one month.
  const l3 = await transferOut(b.ctx, gone.id, { date: '2026-09-01', destination: '中共南城镇委员会', duesPaidTo: '2026-08', validityMonths: 1 });

  const stick = stickDir();
  const files = [(await exportTo(a, stick)).file, (await exportTo(b, stick)).file];
  c.ctx = cEarly;
  files.push((await exportTo(c, stick)).file);
  c.ctx = { ...c.ctx, today: DESK_TODAY };
  const outcomes = await importAtCounty(county, files);
  if (outcomes.some((o) => o.status !== 'applied')) throw new Error(outcomes.map((o) => o.message).join('\n'));
  return {
    county, a, b, c, stick,
    duplicate: { idNumber: dup.id_number, name: dup.name, idA: dup.id, idC: copy.id },
    received: { idNumber: mover.id_number, name: mover.name, letter: l1.letterNumber!, idA: mover.id, idB: in1.member.id },
    underWay: { idNumber: transit.id_number, name: transit.name, letter: l2.letterNumber!, idA: transit.id, idB: in2.member.id },
    lost: { idNumber: gone.id_number, name: gone.name, letter: l3.letterNumber!, idB: gone.id },
    async close() {
      for (const t of [county, a, b, c]) await t.close().catch(() => undefined);
      for (const d of [a.dir, b.dir, c.dir, stick, ...(options.countyDir ? [] : [county.dir])]) removeDir(d);
    },
  };
}
