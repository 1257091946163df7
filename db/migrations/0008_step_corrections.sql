ALTER TABLE `dev_steps` ADD `voided_at` text;--> statement-breakpoint
ALTER TABLE `dev_steps` ADD `void_reason` text;