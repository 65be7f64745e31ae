"""Dialogue: a Pol.is-style opinion map (Meinungslandkarte) for a municipality or a case."""
