// The window's own words for what the services send as codes (renderer/src/lib/words.ts): the 待办 lines
// and the 数据校验 findings by their key, and — for the English UI, where the archive's Chinese sentences
// cannot be shown — the audit log's actions, kinds, field names and code values, and the member history.
// The Chinese of the 待办 and 数据校验 lines is word for word what the services write for the CLI.
// The dictionaries keyed by code (actions, keys, enums) are Records: a code they lack falls back to a
// plain rendering, and the Chinese UI reads the archive's own Chinese for those.

interface WordsMessages {
  /** The rules' sentences in English (the Chinese is the archive's own, with its 年/个月 wording). */
  rules: Record<string, string>;
  reminders: Record<string, string>;
  checks: Record<string, string>;
  listSeparator: string;
  empty: string;
  none: string;
  yes: string;
  no: string;
  deleted: string;
  deletedRecord: string;
  yuan: string;
  hours: string;
  people: string;
  items: string;
  vote: string;
  noDetails: string;
  /** Verbs for an action this table does not name: the action's last word. */
  verbs: Record<string, string>;
  kinds: Record<string, string>;
  actions: Record<string, string>;
  keys: Record<string, string>;
  /** Code values that are not in the shipped code lists, by list. */
  enums: Record<string, Record<string, string>>;
}

export const wordsZh: WordsMessages = {
  rules: {},
  reminders: {
    talk: '{{applied}} 递交入党申请书,应在 {{due}} 前派人谈话',
    talkOverdue: '{{applied}} 递交入党申请书,应在 {{due}} 前派人谈话(已超期)',
    reviewAgain: '上次考察 {{since}},应于 {{due}} 前进行考察',
    reviewFirst: '{{since}} 确定为积极分子,应于 {{due}} 前进行考察',
    candidateEligible: '{{since}} 确定为积极分子,培养期已于 {{eligible}} 满,可讨论列为发展对象',
    approvalOverdue: '支部大会 {{meeting}} 通过,应于 {{normal}} 前由党委审批,最迟 {{latest}}',
    probationEnded: '预备期已于 {{end}} 期满,尚未讨论转正',
    probationEnding: '预备期于 {{end}} 期满,应及时讨论转正',
    duesArrears: '已连续 {{months}} 个月未交纳党费,应按规定进行自行脱党审查',
    duesArrearsSince: '已连续 {{months}} 个月未交纳党费(最后交至 {{lastPaid}}),应按规定进行自行脱党审查',
    lostOverdue: '{{since}} 失去联系,已满 {{months}} 个月,应进行停止党籍审查',
    politicalBirthday: '{{joined}} 入党,本月是入党 {{years}} 周年的政治生日',
    matterOverdue: '五事工作法:{{voted}} 票决通过,由{{handler}}办理,期限 {{deadline}},尚未办结',
    matterOverdueNoHandler: '五事工作法:{{voted}} 票决通过,由承办人办理,期限 {{deadline}},尚未办结',
    orgLifeAbsent: '自 {{since}} 起连续 {{absences}} 次组织生活无故缺席,已满{{months}}个月,应按规定进行自行脱党审查',
    orgLifeAbsentSince: '自 {{since}} 起连续 {{absences}} 次组织生活无故缺席(最后一次参加 {{lastAttended}}),已满{{months}}个月,应按规定进行自行脱党审查',
  },
  checks: {
    sameIdNumber: '公民身份号码 {{idNumber}} 与 {{others}} 相同',
    missing: '缺少:{{fields}}',
    badDate: '{{field}}“{{date}}”格式不正确',
    afterToday: '{{field}} {{date}} 晚于今天',
    joinedBeforeBirth: '入党日期 {{joined}} 不晚于出生日期 {{born}}',
    joinedUnder18: '入党时未满18岁(出生 {{born}},入党 {{joined}})',
    fullBeforeJoin: '转正日期 {{full}} 不晚于入党日期 {{joined}}',
    exitBeforeJoin: '出党日期 {{exit}} 早于入党日期 {{joined}}',
    lostBeforeJoin: '失联日期 {{lost}} 早于入党日期 {{joined}}',
    probationOverdue: '入党日期 {{joined}},预备期已满一年,尚未讨论转正(或延长预备期、取消资格)',
    inactiveBranch: '所在组织“{{org}}”{{status}},党员仍在册',
    smallBranch: '正式党员 {{n}} 名,不足3名',
    mobileNoDestination: '标记为流动党员,但没有登记流入地(外出去向)',
  },
  listSeparator: '、',
  empty: '(空)',
  none: '(无)',
  yes: '是',
  no: '否',
  deleted: '删除',
  deletedRecord: '(已删除的记录)',
  yuan: '{{n}} 元',
  hours: '{{n}} 学时',
  people: '{{n}} 人',
  items: '{{n}} 项',
  vote: '应到 {{entitled}} 人,实到 {{present}} 人,赞成 {{yes}},反对 {{no}},弃权 {{abstain}}',
  noDetails: '',
  verbs: {},
  kinds: {},
  actions: {},
  keys: { exitDate: '出党日期' },
  enums: {},
};

export const wordsEn: WordsMessages = {
  rules: {
    applicantAge: 'An applicant must be at least {{value}} years old on the application date',
    talkWithinMonths: 'The branch sends someone to talk with the applicant within {{value}} months of the application',
    applicationMonths: 'An applicant may become an activist {{value}} months after the application',
    contacts: 'An activist has {{value}} to {{maxValue}} full members as contact persons',
    reviewMonths: 'The branch reviews each activist every {{value}} months',
    cultivationMonths: 'An activist may become a candidate after at least {{value}} months of cultivation and review',
    introducers: 'A candidate has {{value}} full members as sponsors',
    politicalReviewMonths: 'A political review stays valid for {{value}} months; the branch meeting admitting the candidate falls within it',
    trainingHours: 'A candidate attends at least {{value}} hours of training (3 days)',
    publicityWorkdays: 'Before admission a public notice runs for at least {{value}} working days; the branch meeting follows it',
    approvalMonths: 'The Party committee approves within {{value}} months of the branch meeting, in special cases at most {{maxValue}} months',
    probationMonths: 'Probation lasts {{value}} months from the branch meeting',
    extensionMonths: 'Probation may be extended once, by {{value}} to {{maxValue}} months',
    probationReminderDays: 'A probation ending within {{value}} days is listed in To do',
    duesArrearsMonths: 'A member who has not paid dues for {{value}} months in a row is listed in To do (review for leaving)',
    lostMonths: 'A member out of contact for {{value}} months is listed in To do (review for suspension)',
  },
  reminders: {
    talk: 'Applied on {{applied}}; the talk is due by {{due}}',
    talkOverdue: 'Applied on {{applied}}; the talk was due by {{due}} (overdue)',
    reviewAgain: 'Last reviewed on {{since}}; the next review is due by {{due}}',
    reviewFirst: 'Activist since {{since}}; the review is due by {{due}}',
    candidateEligible: 'Activist since {{since}}; the cultivation period ended on {{eligible}}: may be discussed as a candidate',
    approvalOverdue: 'Passed by the branch meeting on {{meeting}}; approval by the Party committee was due by {{normal}}, at the latest {{latest}}',
    probationEnded: 'Probation ended on {{end}}; full membership not yet discussed',
    probationEnding: 'Probation ends on {{end}}; full membership should be discussed',
    duesArrears: 'No dues paid for {{months}} months in a row: review for leaving the Party of one’s own accord',
    duesArrearsSince: 'No dues paid for {{months}} months in a row (last paid for {{lastPaid}}): review for leaving the Party of one’s own accord',
    lostOverdue: 'Out of contact since {{since}}, for {{months}} months: review for suspending membership',
    politicalBirthday: 'Joined on {{joined}}: {{years}} years in the Party this month',
    matterOverdue: 'Five-step matter: passed on {{voted}}, handled by {{handler}}, due {{deadline}}, not yet done',
    matterOverdueNoHandler: 'Five-step matter: passed on {{voted}}, due {{deadline}}, not yet done',
    orgLifeAbsent: 'Absent without leave {{absences}} times in a row since {{since}}, for {{months}} months: review for leaving the Party of one’s own accord',
    orgLifeAbsentSince: 'Absent without leave {{absences}} times in a row since {{since}} (last attended {{lastAttended}}), for {{months}} months: review for leaving the Party of one’s own accord',
  },
  checks: {
    sameIdNumber: 'ID number {{idNumber}} is also that of {{others}}',
    missing: 'Missing: {{fields}}',
    badDate: '{{field}} “{{date}}” is not a date',
    afterToday: '{{field}} {{date}} is after today',
    joinedBeforeBirth: 'Date joined {{joined}} is not after the date of birth {{born}}',
    joinedUnder18: 'Under 18 when joining (born {{born}}, joined {{joined}})',
    fullBeforeJoin: 'Full member since {{full}}, not after joining on {{joined}}',
    exitBeforeJoin: 'Left on {{exit}}, before joining on {{joined}}',
    lostBeforeJoin: 'Out of contact since {{lost}}, before joining on {{joined}}',
    probationOverdue: 'Joined on {{joined}}: probation over a year ago, full membership not yet discussed (or probation extended, or cancelled)',
    inactiveBranch: 'The branch “{{org}}” is {{status}}, the member is still on the roll',
    smallBranch: '{{n}} full members, fewer than three',
    mobileNoDestination: 'Marked as mobile, but no destination recorded',
  },
  listSeparator: ', ',
  empty: '(empty)',
  none: '(none)',
  yes: 'yes',
  no: 'no',
  deleted: 'Deleted',
  deletedRecord: '(a deleted record)',
  yuan: '{{n}} yuan',
  hours: '{{n}} hours',
  people: '{{n}} people',
  items: '{{n}} items',
  vote: '{{entitled}} entitled, {{present}} present, {{yes}} for, {{no}} against, {{abstain}} abstaining',
  noDetails: '',
  verbs: {
    create: 'created', update: 'changed', delete: 'deleted', correct: 'corrected', remove: 'removed', add: 'added', save: 'saved', record: 'recorded', end: 'ended',
    start: 'started', bulk_create: 'imported', undo: 'taken back', void: 'voided', review: 'reviewed', mark: 'marked', found: 'found', cancel: 'cancelled',
    export: 'exported', import: 'imported', init: 'set up', receipt: 'receipt', keys: 'keys', register: 'registered', demo: 'demo loaded',
  },
  kinds: {
    member: 'Member record', subrecord: 'Sub-record', probation: 'Probation', transfer: 'Transfer', mobile: 'Mobile member', lost: 'Out of contact',
    file: 'Documents', org: 'Organization', development: 'Recruitment', appraisal: 'Appraisal', disposal: 'Disposal', analysis: 'Member analysis',
    registration: 'Registration', dues: 'Dues', rules: 'Rules', settings: 'Settings', setup: 'Set-up', user: 'User account', backup: 'Backup',
    exchange: 'County exchange', care: 'Care', pairing: 'Pairing', training: 'Training', orglife: 'Organization life', affairs: 'Five-step matters',
    commitment: 'Public commitment', post: 'Posts', posts: 'Posts', practices: 'Party practice', liaison: 'Liaison point',
  },
  actions: {
    'member.create': 'Member record created', 'member.update': 'Member record changed', 'member.exit': 'Left the Party', 'member.undoExit': 'Leaving undone', 'member.restore': 'Membership restored',
    'member.bulk_create': 'Member records imported', 'subrecord.create': 'Sub-record added', 'subrecord.update': 'Sub-record changed', 'subrecord.delete': 'Sub-record deleted',
    'probation.full': 'Full membership', 'probation.extend': 'Probation extended', 'probation.cancel': 'Probation cancelled',
    'transfer.internal': 'Transfer within the township', 'transfer.out': 'Transfer letter issued', 'transfer.receipt': 'Receipt recorded', 'transfer.cancel': 'Transfer cancelled',
    'transfer.in': 'Transferred in', 'transfer.in.returning': 'Transferred in (record restored)', 'mobile.start': 'Mobile member registered', 'mobile.update': 'Mobile details changed',
    'mobile.end': 'Mobile period ended', 'lost.mark': 'Out of contact recorded', 'lost.found': 'Contact restored', 'file.add': 'Document added', 'file.remove': 'Document removed',
    'org.create': 'Organization created', 'org.update': 'Organization changed', 'org.move': 'Organization moved', 'org.merge': 'Organizations merged', 'org.dissolve': 'Organization dissolved',
    'org.bulk_create': 'Organizations imported', 'development.apply': 'Applicant recorded', 'development.talk': 'Talk recorded', 'development.activist': 'Made an activist',
    'development.review': 'Review recorded', 'development.candidate': 'Made a candidate', 'development.political_review': 'Political review recorded', 'development.training': 'Training recorded',
    'development.publicity': 'Public notice recorded', 'development.admit': 'Admitted as probationary member', 'development.approve': 'Approved by the Party committee',
    'development.withdraw': 'Cultivation ended', 'development.void': 'Recruitment step voided', 'development.correct': 'Recruitment step corrected', 'development.document': 'Recruitment document added',
    'appraisal.save': 'Appraisal saved', 'appraisal.correct': 'Appraisal corrected', 'appraisal.bulk_create': 'Appraisals imported', 'disposal.record': 'Disposal recorded',
    'analysis.save': 'Member analysis saved', 'registration.save': 'Registration saved', 'dues.standard': 'Dues standard set', 'dues.payment': 'Dues recorded', 'dues.payment.correct': 'Dues corrected',
    'dues.bulk_create': 'Dues imported', 'user.create': 'User created', 'user.login': 'Logged in', 'user.loginFailed': 'Login failed', 'user.lockout': 'Locked after failed logins',
    'user.passwordChange': 'Password changed', 'settings.idleLock': 'Idle lock changed', 'user.disable': 'User disabled', 'user.enable': 'User enabled', 'user.passwordReset': 'Password reset',
    'user.role': 'Role changed', 'user.unlock': 'User unlocked', 'care.aid.create': 'Aid recorded', 'care.aid.update': 'Aid changed', 'care.aid.correct': 'Aid corrected', 'care.aid.delete': 'Aid deleted',
    'care.fund.create': 'Care fund created', 'care.income': 'Fund income recorded', 'care.income.delete': 'Fund income deleted', 'care.bulk_create': 'Care records imported',
    'training.create': 'Training recorded', 'training.update': 'Training changed', 'training.correct': 'Training corrected', 'training.delete': 'Training deleted',
    'training.target': 'Yearly training target changed', 'training.bulk_create': 'Training imported', 'post.create': 'Post created', 'post.update': 'Post changed', 'post.delete': 'Post deleted',
    'posts.bulk_create': 'Posts imported', 'commitment.create': 'Commitment recorded', 'commitment.update': 'Commitment changed', 'commitment.review': 'Commitment reviewed',
    'liaison.create': 'Liaison point created', 'liaison.update': 'Liaison point changed', 'pairing.create': 'Pairing created', 'pairing.end': 'Pairing ended', 'pairing.help': 'Help recorded',
    'pairing.help.correct': 'Help entry corrected', 'pairing.help.delete': 'Help entry deleted', 'orglife.meeting': 'Meeting recorded', 'orglife.correct': 'Meeting corrected',
    'orglife.delete': 'Meeting deleted', 'orglife.file': 'Meeting attachment added', 'affairs.propose': 'Matter proposed', 'affairs.undo': 'Five-step step taken back',
    'practices.demo': 'Party-practice demo loaded', 'rules.update': 'Recruitment rules changed', 'rules.registrationOutcomes': 'Registration outcomes changed', 'settings.rules': 'Transfer rules changed',
  },
  keys: {
    reason: 'Reason', note: 'Note', amountFen: 'Amount', monthlyFen: 'Monthly standard', month: 'Month', paidDate: 'Paid on', fromMonth: 'From month', basis: 'Basis', incomeFen: 'Monthly income',
    exitNote: 'Note on leaving', exitDate: 'Date left', transferPending: 'Awaiting receipt', parentId: 'Parent organization', shortName: 'Short name', type: 'Type', sector: 'Sector',
    unitSituation: 'Unit situation', secretaryId: 'Secretary', adminCode: 'Area code', foundedDate: 'Founded', formation: 'Formation', units: 'Units', status: 'Status', mergedIntoId: 'Merged into',
    movedMembers: 'Members moved', targetId: 'Merged into', code: 'Code', role: 'Role', stage: 'Stage', date: 'Date', decidedBy: 'Decided by', warnings: 'Warnings', talkDate: 'Talk date',
    activistDate: 'Activist since', contacts: 'Cultivation contacts', candidateDate: 'Candidate since', lastReviewDate: 'Reviewed on', politicalReviewDate: 'Political review', trainingHours: 'Training hours',
    trainingEndDate: 'Training ended', publicityStart: 'Notice from', publicityEnd: 'Notice until', meetingDate: 'Branch meeting', approvalDate: 'Approved on', applicationDate: 'Applied on',
    introducers: 'Introducers', vote: 'Vote', probationEnd: 'Probation ends', extendMonths: 'Months extended', endDate: 'End date', months: 'Months', destination: 'Destination', contact: 'Contact',
    certificateNo: 'Mobile certificate no.', destinationBranch: 'Host organization', since: 'Since', letterNumber: 'Letter no.', duesPaidTo: 'Dues paid to', validUntil: 'Valid until',
    receiptDate: 'Receipt date', origin: 'From', toOrgId: 'To branch', fromOrgId: 'From branch', docType: 'Document type', title: 'Title', fileName: 'File name', size: 'Size', topic: 'Topic',
    placeKind: 'Place kind', place: 'Place', hoursTenths: 'Hours', hours: 'Hours', organizer: 'Organiser', attendees: 'Attendees', added: 'Attendees added', removed: 'Attendees removed',
    presidedBy: 'Chaired by', present: 'Present', leave: 'On leave', absent: 'Absent', files: 'Attachments', proposedBy: 'Proposed by', discussedDate: 'Discussed on', amended: 'Amended',
    discussionOutcome: 'Outcome', handler: 'Handler', deadline: 'Deadline', doneDate: 'Done on', supervisedDate: 'Supervised on', madePublic: 'Made public', satisfaction: 'Satisfaction',
    supervisionNote: 'Supervision note', stoppedAt: 'Stopped at', stopDate: 'Stopped on', stopReason: 'Why stopped', votersPresent: 'Voters present', votesFor: 'For', votesAgainst: 'Against',
    votesAbstain: 'Abstaining', measures: 'Measures', problemsSolved: 'Problems solved', moneyFen: 'Money', goodsFen: 'Goods (value)', cadresExchanged: 'Cadres exchanged', trainings: 'Trainings',
    trainees: 'Trainees', startDate: 'Start date', year: 'Year', commitment: 'Commitment', madeDate: 'Made on', result: 'Result', reviewResult: 'Result', reviewDate: 'Reviewed on',
    reviewNote: 'Review note', post: 'Post', area: 'Area', leaderName: 'Leader', leaderPost: 'Leader’s post', unit: 'Unit', fundId: 'Fund', givenBy: 'Given by', aidReason: 'Why', source: 'Source',
    aidDate: 'Aid date', decidedDate: 'Decided on', grade: 'Grade', outcome: 'Outcome', period: 'Period', value: 'Value', maxValue: 'Maximum', advisory: 'Advisory only',
    letterValidityMonths: 'Letter valid (months)', lostMonthsBeforeSuspension: 'Months out of contact before suspension', minutes: 'Idle lock (minutes)', created: 'Files written',
    fingerprint: 'Key fingerprint', members: 'Members', standards: 'Dues standards', payments: 'Payments', stoppedPaying: 'Stopped paying', posts: 'Posts', commitments: 'Commitments',
    liaisonPoints: 'Liaison points', sessions: 'Sessions', aids: 'Aid records', funds: 'Funds', meetings: 'Meetings', matters: 'Matters', pairs: 'Pairings', step: 'Step', passed: 'Passed',
    voteDate: 'Vote date', rows: 'Rows', inserted: 'Added', updated: 'Updated', skipped: 'Skipped', errors: 'With errors', fromDate: 'From', toDate: 'To', measuresText: 'Measures',
    goods: 'Goods', endedDate: 'Ended on', rating: 'Rating', weakTeam: 'Weak leadership', weakEconomy: 'Weak collective economy', weakBase: 'Weak foundation', firstSecretary: 'First secretary',
    sortOrder: 'Order', attendance: 'Attendance', kinds: 'Kinds', township: 'Township', receipt: 'Receipt', letter: 'Letter', disabled: 'Disabled', incomes: 'Fund income', hardships: 'Hardship',
    appraisals: 'Appraisals', disposals: 'Disposals', organizations: 'Organizations', file: 'File', authority: 'Approved by', name: 'Name', kind: 'Kind', orgId: 'Branch', level: 'Level',
    relation: 'Relation', workUnit: 'Employer and post', reasonText: 'Reason',
  },
  enums: {
    grade: { excellent: 'excellent', qualified: 'qualified', basic: 'basically qualified', unqualified: 'unqualified' },
    basis: { salary: 'by salary', retiree: 'retired', farmer: 'farmer', student: 'student', unemployed: 'unemployed', low_income: 'minimum living allowance' },
    placeKind: { party_school: 'Party school', remote_site: 'remote education site', outside_base: 'training base elsewhere' },
    aidKind: { condolence: 'condolence money', medical: 'medical aid', housing: 'housing repair', festival: 'festival visit' },
    meetingKind: { congress: 'branch general meeting', committee: 'committee meeting', group: 'group meeting', lecture: 'Party lecture', theme_day: 'theme day' },
    postKind: { pioneer: 'pioneer post', area: 'area of responsibility', volunteer: 'volunteer' },
    reviewResult: { fulfilled: 'fulfilled', partly: 'partly fulfilled', unfulfilled: 'not fulfilled' },
    matterStage: { proposed: 'proposed, to be discussed', discussed: 'discussed, to be voted', voted: 'passed, being carried out', rejected: 'not passed', done: 'done, to be supervised', supervised: 'supervised', stopped: 'stopped' },
    disposal: { correct: 'correct within a time limit', persuade: 'persuaded to leave', remove: 'removed' },
    stage: { applicant: 'applicant', activist: 'activist', candidate: 'candidate', admitted: 'admitted as probationary member', withdrawn: 'cultivation ended' },
    role: { township: 'township', county: 'county', helper: 'helper', helped: 'helped', admin: 'administrator', editor: 'editor', viewer: 'viewer', sysadmin: 'system administrator', secadmin: 'security administrator', auditor: 'auditor' },
    pairKind: { dept_village: 'department and village', community_village: 'community and village', enterprise_village: 'enterprise and village', strong_weak: 'strong and weak village', industry: 'industry chain' },
  },
};
