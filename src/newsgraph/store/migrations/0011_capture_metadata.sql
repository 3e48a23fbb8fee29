-- What a capture says about itself besides its title, kept out of the body: the dek under the
-- headline, the author credit, and photo captions and credits (a JSON list).
ALTER TABLE article ADD COLUMN subtitle TEXT;
ALTER TABLE article ADD COLUMN byline TEXT;
ALTER TABLE article ADD COLUMN captions TEXT;
