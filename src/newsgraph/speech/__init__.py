"""Speech: who said what (quotes and attributions) and what is claimed (numbers, hedged facts)."""
