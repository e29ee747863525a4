"""Models of the workbench app."""
