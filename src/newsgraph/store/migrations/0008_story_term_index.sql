-- Stories by term: an undated article's candidate stories are looked up in the store.

CREATE INDEX story_term_term ON story_term(term);
