CREATE TABLE `member_abroad` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`destination` text NOT NULL,
	`purpose` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_abroad_member` ON `member_abroad` (`member_id`,`from_date`);--> statement-breakpoint
CREATE INDEX `member_abroad_seq` ON `member_abroad` (`seq`);--> statement-breakpoint
CREATE TABLE `member_family` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`relation` text NOT NULL,
	`name` text NOT NULL,
	`birth_date` text,
	`political_status` text,
	`work_unit` text,
	`phone` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_family_member` ON `member_family` (`member_id`);--> statement-breakpoint
CREATE INDEX `member_family_seq` ON `member_family` (`seq`);--> statement-breakpoint
CREATE TABLE `member_files` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`doc_type` text NOT NULL,
	`title` text,
	`file_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_files_member` ON `member_files` (`member_id`,`doc_type`);--> statement-breakpoint
CREATE INDEX `member_files_seq` ON `member_files` (`seq`);--> statement-breakpoint
CREATE TABLE `member_hardships` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`kind` text NOT NULL,
	`level` text NOT NULL,
	`since` text NOT NULL,
	`end_date` text,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_hardships_member` ON `member_hardships` (`member_id`,`since`);--> statement-breakpoint
CREATE INDEX `member_hardships_seq` ON `member_hardships` (`seq`);--> statement-breakpoint
CREATE TABLE `member_posts` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`title` text NOT NULL,
	`unit` text,
	`from_date` text NOT NULL,
	`to_date` text,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_posts_member` ON `member_posts` (`member_id`,`from_date`);--> statement-breakpoint
CREATE INDEX `member_posts_seq` ON `member_posts` (`seq`);--> statement-breakpoint
CREATE TABLE `member_rewards` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`date` text NOT NULL,
	`authority` text,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_rewards_member` ON `member_rewards` (`member_id`,`date`);--> statement-breakpoint
CREATE INDEX `member_rewards_seq` ON `member_rewards` (`seq`);--> statement-breakpoint
CREATE TABLE `member_trainings` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`title` text NOT NULL,
	`organizer` text,
	`from_date` text NOT NULL,
	`to_date` text,
	`hours` integer,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `member_trainings_member` ON `member_trainings` (`member_id`,`from_date`);--> statement-breakpoint
CREATE INDEX `member_trainings_seq` ON `member_trainings` (`seq`);--> statement-breakpoint
CREATE TABLE `mobile_records` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`destination` text NOT NULL,
	`since` text NOT NULL,
	`contact` text NOT NULL,
	`certificate_no` text,
	`destination_branch` text,
	`end_date` text,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `mobile_records_member` ON `mobile_records` (`member_id`,`since`);--> statement-breakpoint
CREATE INDEX `mobile_records_seq` ON `mobile_records` (`seq`);--> statement-breakpoint
CREATE TABLE `probation_decisions` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`kind` text NOT NULL,
	`meeting_date` text NOT NULL,
	`entitled` integer NOT NULL,
	`present` integer NOT NULL,
	`yes` integer NOT NULL,
	`no` integer NOT NULL,
	`abstain` integer NOT NULL,
	`extend_months` integer,
	`probation_end` text NOT NULL,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `probation_decisions_member` ON `probation_decisions` (`member_id`,`meeting_date`);--> statement-breakpoint
CREATE INDEX `probation_decisions_seq` ON `probation_decisions` (`seq`);--> statement-breakpoint
CREATE TABLE `transfers` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`direction` text NOT NULL,
	`status` text NOT NULL,
	`transfer_date` text NOT NULL,
	`letter_year` integer,
	`letter_seq` integer,
	`letter_number` text,
	`from_org_id` text,
	`to_org_id` text,
	`destination` text,
	`origin` text,
	`dues_paid_to` text,
	`valid_until` text,
	`receipt_date` text,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `transfers_member` ON `transfers` (`member_id`,`transfer_date`);--> statement-breakpoint
CREATE INDEX `transfers_pending` ON `transfers` (`direction`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `transfers_letter` ON `transfers` (`direction`,`letter_year`,`letter_seq`);--> statement-breakpoint
CREATE INDEX `transfers_seq` ON `transfers` (`seq`);--> statement-breakpoint
ALTER TABLE `members` ADD `is_hardship` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `members` ADD `transfer_pending` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `members_hardship` ON `members` (`pinyin_full`) WHERE exit_reason IS NULL AND is_hardship = 1;--> statement-breakpoint
CREATE INDEX `members_transfer_pending` ON `members` (`pinyin_full`) WHERE exit_reason IS NULL AND transfer_pending = 1;