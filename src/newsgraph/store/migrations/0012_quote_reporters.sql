-- Who passes a quote on, apart from who said it: "KCNA" in "Kim wrote …, KCNA reported", as
-- written and resolved to an actor.
ALTER TABLE quote ADD COLUMN reported_by TEXT;
ALTER TABLE quote ADD COLUMN reported_actor_id TEXT;
