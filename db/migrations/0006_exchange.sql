CREATE TABLE `county_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`township_code` text NOT NULL,
	`sequence` integer NOT NULL,
	`kind` text NOT NULL,
	`base_sequence` integer NOT NULL,
	`change_to` integer NOT NULL,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`bagging_date` text NOT NULL,
	`row_counts` text NOT NULL,
	`removed` integer NOT NULL,
	`applied_at` text NOT NULL,
	`actor` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `county_imports_township_seq` ON `county_imports` (`township_code`,`sequence`);--> statement-breakpoint
CREATE TABLE `county_members` (
	`township_code` text NOT NULL,
	`id` text NOT NULL,
	`id_number` text NOT NULL,
	`name` text NOT NULL,
	`gender` text NOT NULL,
	`birth_date` text NOT NULL,
	`ethnicity` text NOT NULL,
	`education` text NOT NULL,
	`category` text NOT NULL,
	`org_id` text NOT NULL,
	`org_name` text,
	`join_date` text NOT NULL,
	`full_date` text,
	`occupation` text NOT NULL,
	`phone` text,
	`exit_reason` text,
	`exit_date` text,
	`is_mobile` integer DEFAULT 0 NOT NULL,
	`is_lost` integer DEFAULT 0 NOT NULL,
	`transfer_pending` integer DEFAULT 0 NOT NULL,
	`pinyin_full` text NOT NULL,
	`pinyin_initials` text NOT NULL,
	`updated_at` text NOT NULL,
	`superseded` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`township_code`, `id`)
);
--> statement-breakpoint
CREATE INDEX `county_members_id_number` ON `county_members` (`id_number`);--> statement-breakpoint
CREATE INDEX `county_members_current` ON `county_members` (`superseded`,`exit_reason`,`pinyin_full`);--> statement-breakpoint
CREATE INDEX `county_members_township` ON `county_members` (`superseded`,`township_code`,`exit_reason`,`pinyin_full`);--> statement-breakpoint
CREATE INDEX `county_members_initials` ON `county_members` (`pinyin_initials`);--> statement-breakpoint
CREATE TABLE `county_rows` (
	`township_code` text NOT NULL,
	`table_name` text NOT NULL,
	`row_key` text NOT NULL,
	`source_seq` integer,
	`data` text NOT NULL,
	PRIMARY KEY(`township_code`, `table_name`, `row_key`)
);
--> statement-breakpoint
CREATE TABLE `county_townships` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`public_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`registered_at` text NOT NULL,
	`last_sequence` integer DEFAULT 0 NOT NULL,
	`last_kind` text,
	`last_change_to` integer DEFAULT 0 NOT NULL,
	`last_bagging_date` text,
	`last_applied_at` text,
	`row_counts` text,
	`member_count` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `exchange_packages` (
	`sequence` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`base_sequence` integer NOT NULL,
	`change_from` integer NOT NULL,
	`change_to` integer NOT NULL,
	`file_name` text NOT NULL,
	`file_path` text NOT NULL,
	`sha256` text NOT NULL,
	`size` integer NOT NULL,
	`row_counts` text NOT NULL,
	`attachments` integer NOT NULL,
	`attachment_bytes` integer NOT NULL,
	`created_at` text NOT NULL,
	`actor` text NOT NULL,
	`verified_at` text,
	`acknowledged_at` text
);
