// The USB package to the county. A township keeps the log of the packages it wrote and which
// of them the county has acknowledged (回执). The county keeps the townships it registered (with the
// Ed25519 public key each signs with), the log of packages it applied, and every township's rows.
// The county stores rows as received, keyed by (township code, table, primary key), so that it keeps an
// exact picture of each township whatever tables a township's version of the program has; the members
// grid reads a typed copy of the members rows (county_members), rebuilt for a township on each import.
import { sqliteTable, text, integer, index, primaryKey, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Township: one row per package written (导出到县), numbered 1, 2, 3 … in this install. */
export const exchangePackages = sqliteTable('exchange_packages', {
  sequence: integer('sequence').primaryKey(),
  kind: text('kind').notNull(), // full | incremental
  baseSequence: integer('base_sequence').notNull(), // the acknowledged package it continues; 0 for a full package
  changeFrom: integer('change_from').notNull(), // change sequence numbers carried: > change_from …
  changeTo: integer('change_to').notNull(), // … and ≤ change_to
  fileName: text('file_name').notNull(),
  filePath: text('file_path').notNull(),
  sha256: text('sha256').notNull(), // of the .prpkg file as written
  size: integer('size').notNull(),
  rowCounts: text('row_counts').notNull(), // JSON { table: rows carried }
  attachments: integer('attachments').notNull(),
  attachmentBytes: integer('attachment_bytes').notNull(),
  createdAt: text('created_at').notNull(),
  actor: text('actor').notNull(),
  verifiedAt: text('verified_at'), // read back from the stick and checked
  acknowledgedAt: text('acknowledged_at'), // the county's signed 回执 was imported
});

/** County: the townships whose packages it accepts, each with the public key it signs with. */
export const countyTownships = sqliteTable('county_townships', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  publicKey: text('public_key').notNull(), // Ed25519 SPKI PEM
  fingerprint: text('fingerprint').notNull(),
  registeredAt: text('registered_at').notNull(),
  lastSequence: integer('last_sequence').notNull().default(0), // last package applied (0: none yet)
  lastKind: text('last_kind'),
  lastChangeTo: integer('last_change_to').notNull().default(0),
  lastBaggingDate: text('last_bagging_date'),
  lastAppliedAt: text('last_applied_at'),
  rowCounts: text('row_counts'), // JSON { table: rows held for this township }
  memberCount: integer('member_count').notNull().default(0), // on the roll
});

/** County: every package applied. */
export const countyImports = sqliteTable(
  'county_imports',
  {
    id: text('id').primaryKey(),
    townshipCode: text('township_code').notNull(),
    sequence: integer('sequence').notNull(),
    kind: text('kind').notNull(),
    baseSequence: integer('base_sequence').notNull(),
    changeTo: integer('change_to').notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    baggingDate: text('bagging_date').notNull(),
    rowCounts: text('row_counts').notNull(), // JSON { table: rows carried }
    removed: integer('removed').notNull(), // rows the township no longer has
    appliedAt: text('applied_at').notNull(),
    actor: text('actor').notNull(),
  },
  (t) => [uniqueIndex('county_imports_township_seq').on(t.townshipCode, t.sequence)],
);

/**
 * County: every township's rows as the township holds them (data = the row as JSON, column names as in SQLite).
 * Stored WITHOUT ROWID (migration 0007_exchange_speed): the rows live in the primary-key b-tree itself.
 */
export const countyRows = sqliteTable(
  'county_rows',
  {
    townshipCode: text('township_code').notNull(),
    tableName: text('table_name').notNull(),
    rowKey: text('row_key').notNull(), // the primary key (JSON array text when it has several columns)
    sourceSeq: integer('source_seq'), // the row's change sequence number in its township
    data: text('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.townshipCode, t.tableName, t.rowKey] })],
);

/**
 * County: the members of every township, typed for the grid. A person transferred between two
 * townships has a row in each; all but the current one are `superseded` and the grid hides them.
 */
export const countyMembers = sqliteTable(
  'county_members',
  {
    townshipCode: text('township_code').notNull(),
    id: text('id').notNull(),
    idNumber: text('id_number').notNull(),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    birthDate: text('birth_date').notNull(),
    ethnicity: text('ethnicity').notNull(),
    education: text('education').notNull(),
    category: text('category').notNull(),
    orgId: text('org_id').notNull(),
    orgName: text('org_name'),
    joinDate: text('join_date').notNull(),
    fullDate: text('full_date'),
    occupation: text('occupation').notNull(),
    phone: text('phone'),
    exitReason: text('exit_reason'),
    exitDate: text('exit_date'),
    isMobile: integer('is_mobile').notNull().default(0),
    isLost: integer('is_lost').notNull().default(0),
    transferPending: integer('transfer_pending').notNull().default(0),
    pinyinFull: text('pinyin_full').notNull(),
    pinyinInitials: text('pinyin_initials').notNull(),
    updatedAt: text('updated_at').notNull(),
    superseded: integer('superseded').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.townshipCode, t.id] }),
    index('county_members_id_number').on(t.idNumber),
    index('county_members_current').on(t.superseded, t.exitReason, t.pinyinFull),
    index('county_members_township').on(t.superseded, t.townshipCode, t.exitReason, t.pinyinFull),
    index('county_members_initials').on(t.pinyinInitials),
  ],
);
