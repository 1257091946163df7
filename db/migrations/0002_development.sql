CREATE TABLE `appraisals` (
	`id` text PRIMARY KEY NOT NULL,
	`year` integer NOT NULL,
	`member_id` text NOT NULL,
	`org_id` text NOT NULL,
	`grade` text,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appraisals_year_member` ON `appraisals` (`year`,`member_id`);--> statement-breakpoint
CREATE INDEX `appraisals_year_org` ON `appraisals` (`year`,`org_id`);--> statement-breakpoint
CREATE INDEX `appraisals_seq` ON `appraisals` (`seq`);--> statement-breakpoint
CREATE TABLE `dev_documents` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`step_id` text,
	`name` text NOT NULL,
	`doc_date` text NOT NULL,
	`file_name` text,
	`mime` text,
	`size` integer,
	`sha256` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `dev_people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`step_id`) REFERENCES `dev_steps`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dev_documents_person` ON `dev_documents` (`person_id`,`doc_date`);--> statement-breakpoint
CREATE INDEX `dev_documents_seq` ON `dev_documents` (`seq`);--> statement-breakpoint
CREATE TABLE `dev_people` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`gender` text NOT NULL,
	`id_number` text NOT NULL,
	`ethnicity` text NOT NULL,
	`birth_date` text NOT NULL,
	`education` text NOT NULL,
	`occupation` text NOT NULL,
	`phone` text,
	`address` text,
	`org_id` text NOT NULL,
	`stage` text NOT NULL,
	`application_date` text NOT NULL,
	`talk_date` text,
	`activist_date` text,
	`last_review_date` text,
	`candidate_date` text,
	`contacts` text,
	`introducers` text,
	`political_review_date` text,
	`training_hours` integer,
	`training_end_date` text,
	`publicity_start` text,
	`publicity_end` text,
	`meeting_date` text,
	`approval_date` text,
	`member_id` text,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dev_people_id_number` ON `dev_people` (`id_number`);--> statement-breakpoint
CREATE INDEX `dev_people_stage` ON `dev_people` (`stage`,`org_id`);--> statement-breakpoint
CREATE INDEX `dev_people_member` ON `dev_people` (`member_id`);--> statement-breakpoint
CREATE INDEX `dev_people_seq` ON `dev_people` (`seq`);--> statement-breakpoint
CREATE TABLE `dev_rules` (
	`key` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL,
	`max_value` integer,
	`advisory` integer DEFAULT false NOT NULL,
	`seq` integer NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `dev_steps` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`kind` text NOT NULL,
	`step_date` text NOT NULL,
	`decided_by` text,
	`detail` text,
	`warnings` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `dev_people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `dev_steps_person` ON `dev_steps` (`person_id`,`step_date`);--> statement-breakpoint
CREATE INDEX `dev_steps_seq` ON `dev_steps` (`seq`);--> statement-breakpoint
CREATE TABLE `disposals` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`appraisal_id` text,
	`kind` text NOT NULL,
	`decided_date` text NOT NULL,
	`deadline` text,
	`outcome` text,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appraisal_id`) REFERENCES `appraisals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `disposals_member` ON `disposals` (`member_id`);--> statement-breakpoint
CREATE INDEX `disposals_seq` ON `disposals` (`seq`);--> statement-breakpoint
CREATE TABLE `dues_payments` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`org_id` text NOT NULL,
	`month` text NOT NULL,
	`amount` integer NOT NULL,
	`paid_date` text NOT NULL,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dues_payments_member_month` ON `dues_payments` (`member_id`,`month`);--> statement-breakpoint
CREATE INDEX `dues_payments_org_month` ON `dues_payments` (`org_id`,`month`);--> statement-breakpoint
CREATE INDEX `dues_payments_seq` ON `dues_payments` (`seq`);--> statement-breakpoint
CREATE TABLE `dues_standards` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`from_month` text NOT NULL,
	`basis` text NOT NULL,
	`income` integer,
	`monthly_amount` integer NOT NULL,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `dues_standards_member_month` ON `dues_standards` (`member_id`,`from_month`);--> statement-breakpoint
CREATE INDEX `dues_standards_seq` ON `dues_standards` (`seq`);--> statement-breakpoint
CREATE TABLE `member_analyses` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`period` text NOT NULL,
	`note` text NOT NULL,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_analyses_member_period` ON `member_analyses` (`member_id`,`period`);--> statement-breakpoint
CREATE INDEX `member_analyses_seq` ON `member_analyses` (`seq`);--> statement-breakpoint
CREATE TABLE `registrations` (
	`id` text PRIMARY KEY NOT NULL,
	`member_id` text NOT NULL,
	`year` integer NOT NULL,
	`outcome` text NOT NULL,
	`reg_date` text NOT NULL,
	`note` text,
	`seq` integer NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `registrations_member_year` ON `registrations` (`member_id`,`year`);--> statement-breakpoint
CREATE INDEX `registrations_seq` ON `registrations` (`seq`);