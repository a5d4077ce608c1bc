-- The person's DM channel with the app (D…), learned from the first post to their user id: later
-- posts and history look-ups go straight to it, with no conversations.open round trip. Erased with the person.
ALTER TABLE "people" ADD COLUMN "dm_channel" TEXT;
