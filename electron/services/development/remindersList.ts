// 待办 as a list to print or to save as xlsx: the same items and the same counts as the window's list, in
// groups by 已超期 / 即将到期 and kind. The clerk's choice on the page (已超期 only, one kind) is the list's.
import type { ServiceContext } from '../core/context';
import type { GroupedList } from '../print/groupedListHtml';
import type { WorkbookList } from '../core/listWorkbook';
import { listReminders, phaseOf, PHASE_LABELS, REMINDER_KINDS, REMINDER_LABELS, type Reminder, type ReminderKind, type ReminderPhase } from './reminders';

/** 'due' is the work due (已超期 and 即将到期), without the 政治生日 greetings. */
export type ReminderScope = 'due' | ReminderPhase;
export const REMINDER_SCOPES = ['due', 'overdue', 'dueSoon', 'greeting'] as const;

export interface ReminderFilter {
  scope?: ReminderScope;
  kind?: ReminderKind | null;
}

export interface ReminderGroup {
  phase: ReminderPhase;
  kind: ReminderKind;
  title: string;
  items: Reminder[];
}

export async function reminderGroups(ctx: ServiceContext, filter: ReminderFilter = {}): Promise<{ asOf: string; title: string; groups: ReminderGroup[] }> {
  const view = await listReminders(ctx);
  const scope = filter.scope ?? 'due';
  const phases: ReminderPhase[] = scope === 'due' ? ['overdue', 'dueSoon'] : [scope];
  const groups: ReminderGroup[] = [];
  for (const phase of phases) {
    for (const kind of REMINDER_KINDS) {
      if (filter.kind && filter.kind !== kind) continue;
      const items = view.items.filter((i) => i.kind === kind && phaseOf(i) === phase);
      if (items.length) groups.push({ phase, kind, title: phase === 'greeting' ? REMINDER_LABELS[kind] : `${PHASE_LABELS[phase]} · ${REMINDER_LABELS[kind]}`, items });
    }
  }
  const what = scope === 'due' ? '待办事项' : scope === 'greeting' ? '本月政治生日' : `待办事项(${PHASE_LABELS[scope]})`;
  return { asOf: view.asOf, title: filter.kind ? `${what} · ${REMINDER_LABELS[filter.kind]}` : what, groups };
}

const COLUMNS = [
  { label: '姓名/事项', width: 26 },
  { label: '所在党组织', width: 44 },
  { label: '期限', width: 22, nowrap: true },
  { label: '说明' },
];

function rowOf(i: Reminder): string[] {
  return [i.name, i.orgName, i.dueDate, i.text];
}

export async function remindersPrintList(ctx: ServiceContext, township: string, filter: ReminderFilter): Promise<GroupedList> {
  const g = await reminderGroups(ctx, filter);
  return {
    title: `${township} ${g.title}`,
    meta: [`截至 ${g.asOf}`, `共 ${g.groups.reduce((s, x) => s + x.items.length, 0)} 项`],
    columns: COLUMNS,
    groups: g.groups.map((x) => ({ title: x.title, rows: x.items.map(rowOf) })),
    emptyText: '没有待办',
    footer: filter.scope === 'greeting' ? undefined : '“本月政治生日”是问候,不计入待办。',
  };
}

export async function remindersWorkbookList(ctx: ServiceContext, township: string, filter: ReminderFilter): Promise<WorkbookList> {
  const g = await reminderGroups(ctx, filter);
  return {
    title: `${township} ${g.title}`,
    asOf: g.asOf,
    meta: [`截至 ${g.asOf}`],
    groupLabel: '类别',
    columns: [{ label: '姓名/事项', width: 16 }, { label: '所在党组织', width: 30 }, { label: '期限', width: 12 }, { label: '说明', width: 70 }],
    groups: g.groups.map((x) => ({ title: x.title, rows: x.items.map(rowOf) })),
  };
}
