-- Articles that share names are found through this index (dating from related articles,
-- and later linking), instead of comparing every mention with every other.
CREATE INDEX mention_name ON mention(lower(text), article_id)
    WHERE label IN ('PERSON', 'ORG', 'GPE', 'NORP', 'LOC', 'FAC');
