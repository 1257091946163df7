-- county_rows without a rowid: the row lives in its primary-key b-tree instead of a table plus a copy
-- of the key in a separate index, so importing a township's ~150,000 rows writes one b-tree, not two
-- (a county imports 20 packages in ≤ 20 s). Same columns and key; drizzle cannot express
-- WITHOUT ROWID, hence a custom migration.
CREATE TABLE `county_rows_new` (
	`township_code` text NOT NULL,
	`table_name` text NOT NULL,
	`row_key` text NOT NULL,
	`source_seq` integer,
	`data` text NOT NULL,
	PRIMARY KEY(`township_code`, `table_name`, `row_key`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `county_rows_new`(`township_code`, `table_name`, `row_key`, `source_seq`, `data`)
  SELECT `township_code`, `table_name`, `row_key`, `source_seq`, `data` FROM `county_rows`;
--> statement-breakpoint
DROP TABLE `county_rows`;
--> statement-breakpoint
ALTER TABLE `county_rows_new` RENAME TO `county_rows`;
