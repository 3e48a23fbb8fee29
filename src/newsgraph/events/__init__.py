"""Events: the PLOVER ontology and the event coder."""
