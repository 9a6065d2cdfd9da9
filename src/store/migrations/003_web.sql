-- Indexes for the web app and the public API.

-- The list pages newest first with undated events last (ORDER BY date_lo DESC NULLS LAST, id DESC):
-- an index in exactly that order lets a page stop after `limit` rows instead of sorting every match.
CREATE INDEX events_public_list ON events (status, date_lo DESC NULLS LAST, id DESC)
  WHERE merged_into IS NULL AND retired_at IS NULL;

-- Clicking a region with a type picked: a few index ranges, then a small sort, instead of walking
-- the whole list in date order looking for matches.
CREATE INDEX events_region_type ON events (region, type, date_lo DESC NULLS LAST, id DESC)
  WHERE merged_into IS NULL AND retired_at IS NULL;

-- The settlement filter compares case-insensitively.
CREATE INDEX events_settlement ON events (lower(settlement)) WHERE settlement IS NOT NULL;

-- Disabling an editor ends their sessions.
CREATE INDEX sessions_user ON sessions (user_id);
