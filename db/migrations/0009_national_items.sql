ALTER TABLE `members` ADD `education_level` text;--> statement-breakpoint
ALTER TABLE `members` ADD `job_post` text;--> statement-breakpoint
ALTER TABLE `members` ADD `new_social_stratum` text;--> statement-breakpoint
ALTER TABLE `members` ADD `professional_title` text;--> statement-breakpoint
ALTER TABLE `members` ADD `is_migrant_worker` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `members` ADD `current_residence` text;--> statement-breakpoint
ALTER TABLE `members` ADD `party_age_adjust_months` integer;--> statement-breakpoint
ALTER TABLE `members` ADD `join_type` text;--> statement-breakpoint
ALTER TABLE `members` ADD `full_status` text;--> statement-breakpoint
ALTER TABLE `members` ADD `join_branch` text;--> statement-breakpoint
ALTER TABLE `members` ADD `probation_extension_months` integer;--> statement-breakpoint
ALTER TABLE `members` ADD `mobile_province` text;--> statement-breakpoint
ALTER TABLE `members` ADD `mobile_city` text;--> statement-breakpoint
ALTER TABLE `members` ADD `mobile_county` text;--> statement-breakpoint
ALTER TABLE `members` ADD `lost_month` text;