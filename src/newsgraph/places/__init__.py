"""Where events happen: the gazetteer and the places of an article's events."""
