CREATE TABLE `org_meeting_attendance` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`member_id` text NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`seq` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `org_meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `org_meeting_attendance_meeting_member` ON `org_meeting_attendance` (`meeting_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `org_meeting_attendance_member` ON `org_meeting_attendance` (`member_id`);--> statement-breakpoint
CREATE INDEX `org_meeting_attendance_seq` ON `org_meeting_attendance` (`seq`);--> statement-breakpoint
CREATE TABLE `org_meeting_files` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_id` text NOT NULL,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `org_meetings`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `org_meeting_files_meeting` ON `org_meeting_files` (`meeting_id`);--> statement-breakpoint
CREATE INDEX `org_meeting_files_seq` ON `org_meeting_files` (`seq`);--> statement-breakpoint
CREATE TABLE `org_meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`kind` text NOT NULL,
	`meeting_date` text NOT NULL,
	`topic` text NOT NULL,
	`presided_by` text NOT NULL,
	`place` text,
	`minutes` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `org_meetings_org` ON `org_meetings` (`org_id`,`meeting_date`);--> statement-breakpoint
CREATE INDEX `org_meetings_date` ON `org_meetings` (`meeting_date`);--> statement-breakpoint
CREATE INDEX `org_meetings_seq` ON `org_meetings` (`seq`);--> statement-breakpoint
CREATE TABLE `practice_help_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`pair_id` text NOT NULL,
	`entry_date` text NOT NULL,
	`measures` integer DEFAULT 0 NOT NULL,
	`measures_text` text,
	`problems_solved` integer DEFAULT 0 NOT NULL,
	`money_fen` integer DEFAULT 0 NOT NULL,
	`goods` text,
	`goods_fen` integer DEFAULT 0 NOT NULL,
	`cadres_exchanged` integer DEFAULT 0 NOT NULL,
	`trainings` integer DEFAULT 0 NOT NULL,
	`trainees` integer DEFAULT 0 NOT NULL,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`pair_id`) REFERENCES `practice_pairs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `practice_help_entries_pair` ON `practice_help_entries` (`pair_id`,`entry_date`);--> statement-breakpoint
CREATE INDEX `practice_help_entries_date` ON `practice_help_entries` (`entry_date`);--> statement-breakpoint
CREATE INDEX `practice_help_entries_seq` ON `practice_help_entries` (`seq`);--> statement-breakpoint
CREATE TABLE `practice_pair_units` (
	`id` text PRIMARY KEY NOT NULL,
	`pair_id` text NOT NULL,
	`role` text NOT NULL,
	`name` text NOT NULL,
	`org_id` text,
	`seq` integer NOT NULL,
	FOREIGN KEY (`pair_id`) REFERENCES `practice_pairs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `practice_pair_units_pair` ON `practice_pair_units` (`pair_id`);--> statement-breakpoint
CREATE INDEX `practice_pair_units_seq` ON `practice_pair_units` (`seq`);--> statement-breakpoint
CREATE TABLE `practice_pairs` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`joint_org_id` text,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`joint_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `practice_pairs_start` ON `practice_pairs` (`start_date`);--> statement-breakpoint
CREATE INDEX `practice_pairs_seq` ON `practice_pairs` (`seq`);--> statement-breakpoint
CREATE TABLE `village_matters` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`title` text NOT NULL,
	`stage` text NOT NULL,
	`proposed_by` text NOT NULL,
	`proposed_date` text NOT NULL,
	`proposal` text,
	`discussed_date` text,
	`amended` integer,
	`discussion_outcome` text,
	`vote_date` text,
	`voters_present` integer,
	`votes_for` integer,
	`votes_against` integer,
	`votes_abstain` integer,
	`passed` integer,
	`handler` text,
	`deadline` text,
	`done_date` text,
	`supervised_date` text,
	`made_public` integer,
	`satisfaction` integer,
	`supervision_note` text,
	`stopped_at` text,
	`stop_date` text,
	`stop_reason` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `village_matters_org` ON `village_matters` (`org_id`,`proposed_date`);--> statement-breakpoint
CREATE INDEX `village_matters_date` ON `village_matters` (`proposed_date`);--> statement-breakpoint
CREATE INDEX `village_matters_stage` ON `village_matters` (`stage`,`deadline`);--> statement-breakpoint
CREATE INDEX `village_matters_seq` ON `village_matters` (`seq`);