"""The dialogue's pages: taking part (public, by link) and facilitating (logged in)."""
