"""Models of the cleanup app."""
