DROP INDEX "source_links_project_idx";--> statement-breakpoint
DROP INDEX "source_links_event_idx";--> statement-breakpoint
DROP INDEX "source_links_funding_idx";--> statement-breakpoint
DROP INDEX "funding_event_idx";--> statement-breakpoint
DROP INDEX "source_links_project_uq";--> statement-breakpoint
DROP INDEX "source_links_event_uq";--> statement-breakpoint
DROP INDEX "source_links_funding_uq";--> statement-breakpoint
CREATE INDEX "source_links_source_idx" ON "source_links" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "funding_event_idx" ON "funding" USING btree ("event_id") WHERE "funding"."event_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "source_links_project_uq" ON "source_links" USING btree ("project_id","source_id") WHERE "source_links"."project_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "source_links_event_uq" ON "source_links" USING btree ("event_id","source_id") WHERE "source_links"."event_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "source_links_funding_uq" ON "source_links" USING btree ("funding_id","source_id") WHERE "source_links"."funding_id" is not null;