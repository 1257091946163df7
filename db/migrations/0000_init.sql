CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text,
	`seq` integer NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `counters` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `member_events` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`kind` text NOT NULL,
	`event_date` text NOT NULL,
	`actor` text NOT NULL,
	`summary` text NOT NULL,
	`before` text,
	`after` text,
	`seq` integer NOT NULL,
	`recorded_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_events_member` ON `member_events` (`member_id`,`event_date`);--> statement-breakpoint
CREATE INDEX `member_events_seq` ON `member_events` (`seq`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`gender` text NOT NULL,
	`id_number` text NOT NULL,
	`ethnicity` text NOT NULL,
	`birth_date` text NOT NULL,
	`education` text NOT NULL,
	`category` text NOT NULL,
	`org_id` text NOT NULL,
	`join_date` text NOT NULL,
	`full_date` text,
	`occupation` text NOT NULL,
	`job_title` text,
	`phone` text,
	`address` text,
	`is_mobile` integer DEFAULT false NOT NULL,
	`is_lost` integer DEFAULT false NOT NULL,
	`lost_reason` text,
	`lost_date` text,
	`exit_reason` text,
	`exit_date` text,
	`exit_note` text,
	`native_place` text,
	`degree` text,
	`work_start_date` text,
	`work_unit` text,
	`household_place` text,
	`photo` text,
	`remarks` text,
	`pinyin_full` text NOT NULL,
	`pinyin_initials` text NOT NULL,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_id_number` ON `members` (`id_number`);--> statement-breakpoint
CREATE INDEX `members_org_exit_name` ON `members` (`org_id`,`exit_reason`,`pinyin_full`);--> statement-breakpoint
CREATE INDEX `members_pinyin_full` ON `members` (`pinyin_full`);--> statement-breakpoint
CREATE INDEX `members_pinyin_initials` ON `members` (`pinyin_initials`);--> statement-breakpoint
CREATE INDEX `members_exit` ON `members` (`exit_reason`,`pinyin_full`,`gender`,`education`,`occupation`,`category`,`ethnicity`);--> statement-breakpoint
CREATE INDEX `members_exit_join` ON `members` (`exit_reason`,`join_date`,`gender`,`education`,`occupation`,`category`,`ethnicity`);--> statement-breakpoint
CREATE INDEX `members_exit_birth` ON `members` (`exit_reason`,`birth_date`,`gender`,`education`,`occupation`,`category`,`ethnicity`);--> statement-breakpoint
CREATE INDEX `members_mobile` ON `members` (`pinyin_full`) WHERE exit_reason IS NULL AND is_mobile = 1;--> statement-breakpoint
CREATE INDEX `members_lost` ON `members` (`pinyin_full`) WHERE exit_reason IS NULL AND is_lost = 1;--> statement-breakpoint
CREATE INDEX `members_probationary` ON `members` (`pinyin_full`) WHERE exit_reason IS NULL AND category = 'probationary';--> statement-breakpoint
CREATE INDEX `members_seq` ON `members` (`seq`);--> statement-breakpoint
CREATE TABLE `org_units` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`seq` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `org_units_org` ON `org_units` (`org_id`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`parent_id` text,
	`name` text NOT NULL,
	`short_name` text,
	`type` text NOT NULL,
	`sector` text NOT NULL,
	`unit_situation` text NOT NULL,
	`formation` text,
	`admin_code` text,
	`secretary_id` text,
	`contact` text,
	`phone` text,
	`founded_date` text,
	`status` text DEFAULT 'active' NOT NULL,
	`merged_into_id` text,
	`ended_date` text,
	`rating` text,
	`weak_team` integer DEFAULT false NOT NULL,
	`weak_economy` integer DEFAULT false NOT NULL,
	`weak_base` integer DEFAULT false NOT NULL,
	`first_secretary` text,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `organizations_parent` ON `organizations` (`parent_id`,`sort_order`);--> statement-breakpoint
CREATE INDEX `organizations_seq` ON `organizations` (`seq`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`seq` integer DEFAULT 0 NOT NULL
);
