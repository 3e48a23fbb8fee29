-- The outlet profile an article resolves to (its carrier's, and the wire it carries), with the
-- kind and country the listings filter on.
ALTER TABLE article ADD COLUMN outlet_id TEXT;
ALTER TABLE article ADD COLUMN origin_outlet_id TEXT;
ALTER TABLE article ADD COLUMN outlet_kind TEXT;
ALTER TABLE article ADD COLUMN outlet_country TEXT;
CREATE INDEX article_outlet_kind ON article (outlet_kind);
CREATE INDEX article_outlet_country ON article (outlet_country);
