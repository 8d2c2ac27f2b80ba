CREATE INDEX "audit_actor_idx" ON "audit_entries" USING btree ("actor","at");--> statement-breakpoint
CREATE INDEX "funding_currency_year_idx" ON "funding" USING btree ("currency","value_year");