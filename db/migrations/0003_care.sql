CREATE TABLE `care_aids` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`aid_date` text NOT NULL,
	`kind` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`fund_id` text,
	`given_by` text NOT NULL,
	`reason` text,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`fund_id`) REFERENCES `care_funds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `care_aids_member` ON `care_aids` (`member_id`,`aid_date`);--> statement-breakpoint
CREATE INDEX `care_aids_fund` ON `care_aids` (`fund_id`,`aid_date`);--> statement-breakpoint
CREATE INDEX `care_aids_date` ON `care_aids` (`aid_date`);--> statement-breakpoint
CREATE INDEX `care_aids_seq` ON `care_aids` (`seq`);--> statement-breakpoint
CREATE TABLE `care_fund_income` (
	`id` text PRIMARY KEY NOT NULL,
	`fund_id` text NOT NULL,
	`income_date` text NOT NULL,
	`amount_fen` integer NOT NULL,
	`source` text NOT NULL,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`fund_id`) REFERENCES `care_funds`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `care_fund_income_fund` ON `care_fund_income` (`fund_id`,`income_date`);--> statement-breakpoint
CREATE INDEX `care_fund_income_seq` ON `care_fund_income` (`seq`);--> statement-breakpoint
CREATE TABLE `care_funds` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `care_funds_name` ON `care_funds` (`name`);--> statement-breakpoint
CREATE INDEX `care_funds_seq` ON `care_funds` (`seq`);--> statement-breakpoint
CREATE TABLE `liaison_points` (
	`id` text PRIMARY KEY NOT NULL,
	`leader_name` text NOT NULL,
	`leader_post` text NOT NULL,
	`org_id` text,
	`unit` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `liaison_points_org` ON `liaison_points` (`org_id`);--> statement-breakpoint
CREATE INDEX `liaison_points_seq` ON `liaison_points` (`seq`);--> statement-breakpoint
CREATE TABLE `member_commitments` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`year` integer NOT NULL,
	`commitment` text NOT NULL,
	`made_date` text NOT NULL,
	`review_result` text,
	`review_date` text,
	`review_note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_commitments_member_year` ON `member_commitments` (`member_id`,`year`);--> statement-breakpoint
CREATE INDEX `member_commitments_year` ON `member_commitments` (`year`);--> statement-breakpoint
CREATE INDEX `member_commitments_seq` ON `member_commitments` (`seq`);--> statement-breakpoint
CREATE TABLE `pioneer_posts` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`kind` text NOT NULL,
	`post` text NOT NULL,
	`area` text,
	`from_date` text NOT NULL,
	`to_date` text,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pioneer_posts_member` ON `pioneer_posts` (`member_id`,`from_date`);--> statement-breakpoint
CREATE INDEX `pioneer_posts_seq` ON `pioneer_posts` (`seq`);--> statement-breakpoint
CREATE TABLE `training_attendees` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`member_id` text NOT NULL,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `training_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_attendees_session_member` ON `training_attendees` (`session_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `training_attendees_member` ON `training_attendees` (`member_id`);--> statement-breakpoint
CREATE INDEX `training_attendees_seq` ON `training_attendees` (`seq`);--> statement-breakpoint
CREATE TABLE `training_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`session_date` text NOT NULL,
	`topic` text NOT NULL,
	`place_kind` text NOT NULL,
	`place` text NOT NULL,
	`hours_tenths` integer NOT NULL,
	`organizer` text NOT NULL,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `training_sessions_date` ON `training_sessions` (`session_date`);--> statement-breakpoint
CREATE INDEX `training_sessions_seq` ON `training_sessions` (`seq`);