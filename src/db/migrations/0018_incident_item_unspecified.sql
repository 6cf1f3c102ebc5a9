ALTER TABLE "incidents" ADD COLUMN "item_unspecified" boolean DEFAULT false NOT NULL;
-- activities_appointment (one record per appointment) exists since migration 0006; the schema now declares it.
