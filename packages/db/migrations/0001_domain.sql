CREATE TABLE "audit_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "event_organizations" (
	"event_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"role" text,
	CONSTRAINT "event_organizations_event_id_organization_id_pk" PRIMARY KEY("event_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "event_projects" (
	"event_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	CONSTRAINT "event_projects_event_id_project_id_pk" PRIMARY KEY("event_id","project_id")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"title_original" text,
	"title_language" text,
	"date" date NOT NULL,
	"date_precision" text DEFAULT 'day' NOT NULL,
	"place_name" text,
	"country" char(2),
	"lat" double precision,
	"lon" double precision,
	"description" text,
	"external_ref" text,
	"search_text" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "events_external_ref_unique" UNIQUE("external_ref")
);
--> statement-breakpoint
CREATE TABLE "exchange_rates" (
	"currency" char(3) NOT NULL,
	"year" smallint NOT NULL,
	"per_usd" numeric(24, 10) NOT NULL,
	"source" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "exchange_rates_currency_year_pk" PRIMARY KEY("currency","year")
);
--> statement-breakpoint
CREATE TABLE "funding" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"event_id" uuid,
	"flow" text NOT NULL,
	"funder_org_id" uuid,
	"recipient_org_id" uuid,
	"amount" numeric(20, 2) NOT NULL,
	"currency" char(3) NOT NULL,
	"price_basis" text DEFAULT 'nominal' NOT NULL,
	"value_date" date,
	"value_year" smallint GENERATED ALWAYS AS ((extract(year from value_date))::smallint) STORED,
	"amount_usd" numeric(20, 2),
	"usd_rate" numeric(24, 10),
	"rate_source" text,
	"instrument" text,
	"estimated" boolean DEFAULT false NOT NULL,
	"external_ref" text,
	"raw" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "funding_external_ref_unique" UNIQUE("external_ref"),
	CONSTRAINT "funding_amount_usd_needs_rate" CHECK ("funding"."amount_usd" is null or "funding"."rate_source" is not null)
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"actor" text NOT NULL,
	"file_name" text NOT NULL,
	"file_hash" text NOT NULL,
	"format" text NOT NULL,
	"dry_run" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"counts" jsonb,
	"report" jsonb,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"name" text NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"precision" text NOT NULL,
	"admin1_code" text,
	"country" char(2) NOT NULL,
	"problem" text,
	"raw" jsonb
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"name_local" text,
	"acronym" text,
	"type" smallint,
	"country" char(2),
	"iati_ref" text,
	"name_key" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"role" smallint NOT NULL,
	CONSTRAINT "participants_unique" UNIQUE("project_id","organization_id","role")
);
--> statement-breakpoint
CREATE TABLE "project_countries" (
	"project_id" uuid NOT NULL,
	"country" char(2) NOT NULL,
	"percentage" numeric(5, 2),
	CONSTRAINT "project_countries_project_id_country_pk" PRIMARY KEY("project_id","country")
);
--> statement-breakpoint
CREATE TABLE "project_initiatives" (
	"project_id" uuid NOT NULL,
	"initiative" text NOT NULL,
	"basis" text NOT NULL,
	"source_id" uuid,
	"note" text,
	CONSTRAINT "project_initiatives_project_id_initiative_pk" PRIMARY KEY("project_id","initiative")
);
--> statement-breakpoint
CREATE TABLE "project_sectors" (
	"project_id" uuid NOT NULL,
	"sector" text NOT NULL,
	"percentage" numeric(5, 2),
	CONSTRAINT "project_sectors_project_id_sector_pk" PRIMARY KEY("project_id","sector")
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"iati_identifier" text,
	"external_ref" text,
	"title" text NOT NULL,
	"title_original" text,
	"title_language" text,
	"description" text,
	"status" smallint,
	"planned_start" date,
	"planned_end" date,
	"actual_start" date,
	"actual_end" date,
	"start_year" smallint GENERATED ALWAYS AS ((extract(year from coalesce(actual_start, planned_start)))::smallint) STORED,
	"end_year" smallint GENERATED ALWAYS AS ((extract(year from coalesce(actual_end, planned_end, actual_start, planned_start)))::smallint) STORED,
	"quality_score" smallint DEFAULT 0 NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"raw" jsonb,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "projects_iati_identifier_unique" UNIQUE("iati_identifier"),
	CONSTRAINT "projects_external_ref_unique" UNIQUE("external_ref")
);
--> statement-breakpoint
CREATE TABLE "source_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"project_id" uuid,
	"event_id" uuid,
	"funding_id" uuid,
	"quote" text,
	CONSTRAINT "source_links_one_target" CHECK (num_nonnulls("source_links"."project_id", "source_links"."event_id", "source_links"."funding_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"url" text,
	"title" text NOT NULL,
	"publisher" text,
	"published_date" date,
	"language" text,
	"kind" text NOT NULL,
	"external_ref" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text,
	"updated_by" text,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "sources_external_ref_unique" UNIQUE("external_ref")
);
--> statement-breakpoint
ALTER TABLE "event_organizations" ADD CONSTRAINT "event_organizations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_organizations" ADD CONSTRAINT "event_organizations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_projects" ADD CONSTRAINT "event_projects_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_projects" ADD CONSTRAINT "event_projects_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding" ADD CONSTRAINT "funding_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding" ADD CONSTRAINT "funding_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding" ADD CONSTRAINT "funding_funder_org_id_organizations_id_fk" FOREIGN KEY ("funder_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funding" ADD CONSTRAINT "funding_recipient_org_id_organizations_id_fk" FOREIGN KEY ("recipient_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participants" ADD CONSTRAINT "participants_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_countries" ADD CONSTRAINT "project_countries_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_initiatives" ADD CONSTRAINT "project_initiatives_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_initiatives" ADD CONSTRAINT "project_initiatives_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_sectors" ADD CONSTRAINT "project_sectors_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_links" ADD CONSTRAINT "source_links_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_links" ADD CONSTRAINT "source_links_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_links" ADD CONSTRAINT "source_links_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "source_links" ADD CONSTRAINT "source_links_funding_id_funding_id_fk" FOREIGN KEY ("funding_id") REFERENCES "public"."funding"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_entries" USING btree ("entity","entity_id","at");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_entries" USING btree ("at");--> statement-breakpoint
CREATE INDEX "event_orgs_org_idx" ON "event_organizations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "event_projects_project_idx" ON "event_projects" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "events_date_idx" ON "events" USING btree ("date","id");--> statement-breakpoint
CREATE INDEX "events_search_trgm_idx" ON "events" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "funding_project_idx" ON "funding" USING btree ("project_id","flow");--> statement-breakpoint
CREATE INDEX "funding_funder_idx" ON "funding" USING btree ("funder_org_id");--> statement-breakpoint
CREATE INDEX "funding_event_idx" ON "funding" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "import_runs_started_idx" ON "import_runs" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "locations_project_idx" ON "locations" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "locations_country_idx" ON "locations" USING btree ("country","precision");--> statement-breakpoint
CREATE INDEX "locations_admin1_idx" ON "locations" USING btree ("admin1_code");--> statement-breakpoint
CREATE INDEX "organizations_iati_ref_idx" ON "organizations" USING btree ("iati_ref");--> statement-breakpoint
CREATE INDEX "organizations_name_key_idx" ON "organizations" USING btree ("name_key");--> statement-breakpoint
CREATE INDEX "participants_org_idx" ON "participants" USING btree ("organization_id","role","project_id");--> statement-breakpoint
CREATE INDEX "project_countries_country_idx" ON "project_countries" USING btree ("country","project_id");--> statement-breakpoint
CREATE INDEX "project_initiatives_idx" ON "project_initiatives" USING btree ("initiative","basis","project_id");--> statement-breakpoint
CREATE INDEX "project_sectors_sector_idx" ON "project_sectors" USING btree ("sector","project_id");--> statement-breakpoint
CREATE INDEX "projects_start_year_idx" ON "projects" USING btree ("start_year");--> statement-breakpoint
CREATE INDEX "projects_status_idx" ON "projects" USING btree ("status");--> statement-breakpoint
CREATE INDEX "projects_quality_idx" ON "projects" USING btree ("quality_score");--> statement-breakpoint
CREATE INDEX "projects_title_idx" ON "projects" USING btree ("title","id");--> statement-breakpoint
CREATE INDEX "projects_updated_idx" ON "projects" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "projects_search_trgm_idx" ON "projects" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "source_links_project_uq" ON "source_links" USING btree ("source_id","project_id") WHERE "source_links"."project_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "source_links_event_uq" ON "source_links" USING btree ("source_id","event_id") WHERE "source_links"."event_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "source_links_funding_uq" ON "source_links" USING btree ("source_id","funding_id") WHERE "source_links"."funding_id" is not null;--> statement-breakpoint
CREATE INDEX "source_links_project_idx" ON "source_links" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "source_links_event_idx" ON "source_links" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "source_links_funding_idx" ON "source_links" USING btree ("funding_id");--> statement-breakpoint
CREATE INDEX "sources_url_idx" ON "sources" USING btree ("url");