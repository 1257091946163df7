// What the practices add to 待办: 五事 matters past their deadline and not done, and members absent from
// organization life without leave for six months (the six-month rule's 自行脱党 review).
import type { ServiceContext } from '../core/context';
import type { Reminder } from '../development/reminders';
import { addMonths } from '../members/life/lifeCommon';
import { overdueMatters } from './villageAffairs';
import { ABSENCE_MONTHS, longAbsentees } from './orgLife';
import { words } from '../core/words';

export async function practiceReminders(ctx: ServiceContext): Promise<Reminder[]> {
  const items: Reminder[] = [];
  for (const m of await overdueMatters(ctx)) {
    items.push({
      kind: 'matterOverdue', target: 'villageMatter', targetId: m.id, name: m.title, orgId: m.orgId, orgName: m.orgName, dueDate: m.deadline!, overdue: true,
      text: `五事工作法:${m.voteDate} 票决通过,由${m.handler ?? '承办人'}办理,期限 ${m.deadline},尚未办结`,
      words: words(m.handler ? 'matterOverdue' : 'matterOverdueNoHandler', { voted: m.voteDate, handler: m.handler, deadline: m.deadline }),
    });
  }
  for (const a of await longAbsentees(ctx)) {
    items.push({
      kind: 'orgLifeAbsent', target: 'member', targetId: a.memberId, name: a.name, orgId: a.orgId, orgName: a.orgName, dueDate: addMonths(a.firstAbsent, ABSENCE_MONTHS), overdue: true,
      text: `自 ${a.firstAbsent} 起连续 ${a.absences} 次组织生活无故缺席${a.lastAttended ? `(最后一次参加 ${a.lastAttended})` : ''},已满${ABSENCE_MONTHS}个月,应按规定进行自行脱党审查`,
      words: words(a.lastAttended ? 'orgLifeAbsentSince' : 'orgLifeAbsent', { since: a.firstAbsent, absences: a.absences, lastAttended: a.lastAttended, months: ABSENCE_MONTHS }),
    });
  }
  return items;
}
